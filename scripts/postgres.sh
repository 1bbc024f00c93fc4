# Sourced by the other scripts: makes a PostgreSQL server available and exports ConnectionStrings__EventStore.
#
# With ConnectionStrings__EventStore already set, that database is used as it is and nothing is started.
# Otherwise a local cluster is created on first use in .data/postgres (git-ignored) and started on
# 127.0.0.1:55432, database/user/password "conversations" (a development default). Debian's postgresql
# package is installed first when its binaries are missing.

PG_PORT="${PG_PORT:-55432}"
PG_USER=conversations
PG_PASSWORD=conversations
PG_DATABASE=conversations

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

pg_bin_dir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

pg_install() {
    if [ -n "$(pg_bin_dir)" ]; then return 0; fi
    echo "postgres: PostgreSQL binaries not found; installing Debian's postgresql package..." >&2
    if [ "$(id -u)" -ne 0 ]; then
        echo "postgres: run as root, or install it yourself: sudo apt-get install -y postgresql" >&2
        return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || return 1
    [ -n "$(pg_bin_dir)" ]
}

# Runs a PostgreSQL server binary as the right OS user: the server refuses to run as root.
pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# The cluster lives in .data/postgres. As root, the server runs as the postgres OS user, which must be able to reach
# that folder; when a parent folder is closed to it (a clone under /root, say), a folder of its own is used instead.
pg_data_dir() {
    if [ -n "${PG_DATA_DIR:-}" ]; then echo "$PG_DATA_DIR"; return; fi
    local root
    root=$(repo_root)
    if [ "$(id -u)" -ne 0 ] || runuser -u postgres -- test -x "$root" 2>/dev/null; then
        echo "$root/.data/postgres"
    else
        echo "/var/lib/postgresql/orleans-conversations-$(echo "$root" | md5sum | cut -c1-8)/postgres"
    fi
}

pg_prepare_data_dir() {
    local data="$1"
    mkdir -p "$data"
    chmod 700 "$data"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "$data" "$(dirname "$data")"
    fi
}

# Starts the local server unless it already runs; returns 0 with PG_STARTED_HERE=1 if this call started it.
pg_up() {
    PG_STARTED_HERE=0
    if [ -n "${ConnectionStrings__EventStore:-}" ]; then
        echo "postgres: using ConnectionStrings__EventStore; nothing local is started." >&2
        return 0
    fi

    pg_install || return 1
    local bin data log
    bin=$(pg_bin_dir)
    data=$(pg_data_dir)
    log="$data/../postgres.log"

    if [ ! -s "$data/PG_VERSION" ]; then
        echo "postgres: creating a new cluster in $data" >&2
        pg_prepare_data_dir "$data" || return 1
        local pwfile
        pwfile=$(mktemp)
        echo "$PG_PASSWORD" >"$pwfile"
        chmod 644 "$pwfile"
        pg_as_owner "$bin/initdb" -D "$data" -U "$PG_USER" --pwfile="$pwfile" \
            --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null || { rm -f "$pwfile"; return 1; }
        rm -f "$pwfile"
    fi

    export PGPASSWORD="$PG_PASSWORD"
    if pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        echo "postgres: already running on 127.0.0.1:$PG_PORT" >&2
    else
        touch "$log" && { [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$log"; }
        if ! pg_as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
            -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300" start >/dev/null; then
            echo "postgres: failed to start; see $log:" >&2
            tail -n 20 "$log" >&2
            return 1
        fi
        PG_STARTED_HERE=1
        echo "postgres: started on 127.0.0.1:$PG_PORT (data in $data)" >&2
    fi

    if ! psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'" | grep -q 1; then
        psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "CREATE DATABASE $PG_DATABASE" || return 1
    fi

    export ConnectionStrings__EventStore="Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DATABASE;Username=$PG_USER;Password=$PG_PASSWORD"
}

pg_down() {
    local bin data
    bin=$(pg_bin_dir) || return 0
    data=$(pg_data_dir)
    pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 && echo "postgres: stopped" >&2
    return 0
}
