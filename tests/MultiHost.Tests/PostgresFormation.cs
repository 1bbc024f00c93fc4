using System.Diagnostics;
using Npgsql;

namespace Orleans.Conversations.MultiHost.Tests;

/// <summary>
/// A highly available PostgreSQL made with pg_auto_failover on hosts of a <see cref="NetworkLab"/>: a monitor, a primary
/// and a synchronous standby, each on its own host, each node run by its own <c>pg_autoctl</c> keeper. Each node also
/// gets a private <c>/var/run/postgresql</c> (a mount namespace), as a machine of its own would.
/// </summary>
public sealed class PostgresFormation : IDisposable
{
    public const string Database = "conversations";

    private readonly NetworkLab _lab;
    private readonly Dictionary<LabHost, ServiceProcess> _keepers = [];
    private readonly HashSet<LabHost> _killed = [];

    private PostgresFormation(NetworkLab lab, LabHost monitor, LabHost first, LabHost second)
    {
        _lab = lab;
        Monitor = monitor;
        Nodes = [first, second];
    }

    public LabHost Monitor { get; }

    /// <summary>The two data nodes, in the order they joined (the first starts as primary).</summary>
    public IReadOnlyList<LabHost> Nodes { get; }

    /// <summary>What the services use: both nodes, and only a primary will do.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = string.Join(',', Nodes.Select(n => $"{n.Address}:5432")),
        Database = Database,
        Username = "postgres",
        TargetSessionAttributes = "primary",
        HostRecheckSeconds = 1,
        Timeout = 3,
        CommandTimeout = 5,
    }.ConnectionString;

    /// <summary>What every keeper and the monitor printed last, for failure messages.</summary>
    public string Logs => string.Join("\n", _keepers.Values.Select(k => $"--- {k.Name} ---\n{k.Tail}"));

    private string MonitorConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = Monitor.Address,
        Database = "pg_auto_failover",
        Username = "autoctl_node",
        Timeout = 3,
        Pooling = false,
    }.ConnectionString;

    /// <summary>Starts the monitor, tunes it to notice a lost node in seconds, then the two nodes, and waits until the standby is in sync.</summary>
    public static async Task<PostgresFormation> StartAsync(NetworkLab lab)
    {
        Prerequisites.RequirePgAutoFailover();
        var formation = new PostgresFormation(lab, lab.AddHost("mon"), lab.AddHost("pg1"), lab.AddHost("pg2"));
        try
        {
            formation.StartKeeper(formation.Monitor, "monitor");
            await formation.WaitAsync("the monitor accepts connections", TimeSpan.FromSeconds(60), async () =>
            {
                await formation.NodeStatesAsync();
                return true;
            });
            await formation.TuneMonitorAsync();

            var monitorUri = $"postgres://autoctl_node@{formation.Monitor.Address}:5432/pg_auto_failover?sslmode=disable";
            string[] node = ["postgres", "--monitor", monitorUri, "--dbname", Database, "--pg-hba-lan"];
            formation.StartKeeper(formation.Nodes[0], node);
            await formation.WaitAsync("the first node runs as a single primary", TimeSpan.FromSeconds(60), async () =>
                (await formation.NodeStatesAsync()).Any(s => s.Reported is "single" or "wait_primary"));
            formation.StartKeeper(formation.Nodes[1], node);
            await formation.WaitForPrimaryAndSecondaryAsync(TimeSpan.FromSeconds(120));
            return formation;
        }
        catch
        {
            formation.Dispose();
            throw;
        }
    }

    /// <summary>The node the monitor names primary and the one it names secondary, once both report it.</summary>
    public async Task WaitForPrimaryAndSecondaryAsync(TimeSpan timeout) =>
        await WaitAsync("a primary with a secondary in sync", timeout, async () =>
        {
            var states = await NodeStatesAsync();
            if (states.Count(s => s.Reported == "primary" && s.Goal == "primary") == 1 &&
                states.Count(s => s.Reported == "secondary" && s.Goal == "secondary") == 1)
                return true;

            // pg_basebackup asks for a spread checkpoint, which by default takes minutes: an immediate one ends it.
            if (states.Where(s => s.Reported is "wait_primary" or "primary").Select(s => s.Host).FirstOrDefault() is { } primary)
                await CheckpointAsync(primary);
            return false;
        });

    /// <summary>The data node the monitor has assigned the primary role (a lone primary included).</summary>
    public async Task<LabHost> PrimaryAsync()
    {
        var states = await NodeStatesAsync();
        var primary = states.Single(s => s.Goal is "primary" or "wait_primary" or "single");
        return Nodes.Single(n => n.Address == primary.Host);
    }

    /// <summary>Whether <paramref name="node"/>'s PostgreSQL accepts writes (is out of recovery and not read-only).</summary>
    public async Task<bool> AcceptsWritesAsync(LabHost node)
    {
        try
        {
            await using var connection = new NpgsqlConnection(NodeConnectionString(node));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT NOT pg_is_in_recovery() AND current_setting('default_transaction_read_only') = 'off'", connection);
            return (bool)(await command.ExecuteScalarAsync())!;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>
    /// Loses <paramref name="node"/> as a machine that loses power does: its keeper and its PostgreSQL are killed with
    /// SIGKILL (killing PostgreSQL alone would only see the keeper start it again as the primary).
    /// </summary>
    public void Kill(LabHost node)
    {
        var postmasterPid = Path.Combine(DataDirectory(node), "postmaster.pid");
        var pid = File.Exists(postmasterPid) ? File.ReadLines(postmasterPid).First() : null;
        _killed.Add(node);
        _keepers[node].KillHard();
        if (pid is not null)
            Shell.TryRun("kill", "-9", pid);
    }

    public void Dispose()
    {
        foreach (var keeper in _keepers.Values)
            keeper.Dispose();
    }

    private string DataDirectory(LabHost host) => Path.Combine(_lab.Directory, host.Name, "pgdata");

    private string NodeConnectionString(LabHost node) => new NpgsqlConnectionStringBuilder
    {
        Host = node.Address,
        Database = Database,
        Username = "postgres",
        Timeout = 3,
        Pooling = false,
    }.ConnectionString;

    private void StartKeeper(LabHost host, params string[] create)
    {
        var home = Path.Combine(_lab.Directory, host.Name);
        foreach (var folder in new[] { "config", "share", "run" })
            Directory.CreateDirectory(Path.Combine(home, folder));
        Shell.Run("chown", "-R", "postgres:postgres", home);
        string[] command =
        [
            .. host.Launcher,
            "unshare", "--mount", "sh", "-c",
            "mount -t tmpfs -o mode=2775,uid=postgres,gid=postgres tmpfs /var/run/postgresql && exec \"$@\"", "sh",
            "runuser", "-u", "postgres", "--", "env",
            $"XDG_CONFIG_HOME={home}/config", $"XDG_DATA_HOME={home}/share", $"XDG_RUNTIME_DIR={home}/run",
            "pg_autoctl", "create", .. create,
            "--pgdata", DataDirectory(host), "--pgport", "5432", "--hostname", host.Address,
            "--pgctl", Path.Combine(Prerequisites.PostgresBin, "pg_ctl"),
            // Trust and no TLS on a private test network only; docs/deploy.md says what production uses.
            "--auth", "trust", "--no-ssl", "--run",
        ];
        _keepers[host] = ServiceProcess.StartCommand($"pg_autoctl {host.Name}", command, new Dictionary<string, string>());
    }

    /// <summary>
    /// Makes the monitor act within seconds of losing a node (its defaults, for real networks, wait about 30 s and
    /// another 30 s for a lost primary to confirm it stopped): written to its configuration, then reloaded.
    /// </summary>
    private async Task TuneMonitorAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["pgautofailover.health_check_period"] = "1000",
            ["pgautofailover.health_check_timeout"] = "1000",
            ["pgautofailover.health_check_max_retries"] = "1",
            ["pgautofailover.health_check_retry_delay"] = "500",
            ["pgautofailover.node_considered_unhealthy_timeout"] = "3000",
            ["pgautofailover.primary_demote_timeout"] = "3000",
        };
        var configuration = Path.Combine(DataDirectory(Monitor), "postgresql.conf");
        await File.AppendAllLinesAsync(configuration, settings.Select(s => $"{s.Key} = {s.Value}"));
        Shell.Run("kill", "-HUP", File.ReadLines(Path.Combine(DataDirectory(Monitor), "postmaster.pid")).First());
        await WaitAsync("the monitor takes its tuned health checks", TimeSpan.FromSeconds(20), async () =>
        {
            await using var connection = new NpgsqlConnection(MonitorConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT setting FROM pg_settings WHERE name = 'pgautofailover.node_considered_unhealthy_timeout'", connection);
            return (string?)await command.ExecuteScalarAsync() == "3000";
        });
    }

    private async Task<List<(string Host, string Reported, string Goal)>> NodeStatesAsync()
    {
        await using var connection = new NpgsqlConnection(MonitorConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT nodehost, reportedstate::text, goalstate::text FROM pgautofailover.node ORDER BY nodeid", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var states = new List<(string, string, string)>();
        while (await reader.ReadAsync())
            states.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return states;
    }

    private async Task CheckpointAsync(string host)
    {
        try
        {
            if (Nodes.FirstOrDefault(n => n.Address == host) is not { } node)
                throw new InvalidOperationException($"The monitor names a node at {host}, which is none of {string.Join(", ", Nodes.Select(n => n.Address))}.");
            await using var connection = new NpgsqlConnection(NodeConnectionString(node));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CHECKPOINT", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
        }
    }

    /// <summary>Polls <paramref name="condition"/> with a growing delay; fails naming <paramref name="what"/> and showing the keepers' logs.</summary>
    private async Task WaitAsync(string what, TimeSpan timeout, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(250);
        Exception? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (NpgsqlException exception)
            {
                last = exception;
            }

            if (_keepers.Where(k => !_killed.Contains(k.Key)).Select(k => k.Value).FirstOrDefault(k => k.HasExited) is { } exited)
                throw new InvalidOperationException($"{exited.Name} exited ({exited.ExitCode}) while waiting for {what}.\n{Logs}");
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
        }

        throw new TimeoutException($"Waited {timeout} for {what} ({last?.Message}).\n{Logs}");
    }
}
