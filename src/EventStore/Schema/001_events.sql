-- The event store: one row per event, appended under optimistic concurrency on (stream_id, version),
-- and periodic snapshots of a stream's state for fast activation and time travel.
CREATE SCHEMA IF NOT EXISTS eventstore;

CREATE TABLE IF NOT EXISTS eventstore.events
(
    stream_id       text        NOT NULL,
    version         integer     NOT NULL CHECK (version > 0),
    event_type      text        NOT NULL,
    data            jsonb       NOT NULL,
    metadata        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    batch_id        uuid        NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    global_position bigint      GENERATED ALWAYS AS IDENTITY,
    CONSTRAINT events_pkey PRIMARY KEY (stream_id, version)
);

CREATE UNIQUE INDEX IF NOT EXISTS events_global_position_idx ON eventstore.events (global_position);

CREATE TABLE IF NOT EXISTS eventstore.snapshots
(
    stream_id  text        NOT NULL,
    version    integer     NOT NULL CHECK (version > 0),
    state_type text        NOT NULL,
    state      jsonb       NOT NULL,
    taken_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT snapshots_pkey PRIMARY KEY (stream_id, version)
);
