-- Erasure that a reader of the feed can follow, and streams found by their owner.
--
-- A tombstone records who erased the stream (tenant, owner, the erasure's id, so a retried erasure knows it was its
-- own) and takes a place in the feed like an event: the transaction that wrote it and a position from the events'
-- own sequence. The feed shows it as a StreamErased marker. Tombstones older than this script get position 0 in
-- transaction 0, before every cursor, so they never show.
ALTER TABLE eventstore.erased_streams
    ADD COLUMN IF NOT EXISTS tenant_id       text,
    ADD COLUMN IF NOT EXISTS owner_id        text,
    ADD COLUMN IF NOT EXISTS erasure_id      uuid,
    ADD COLUMN IF NOT EXISTS transaction_id  xid8   NOT NULL DEFAULT '0',
    ADD COLUMN IF NOT EXISTS global_position bigint NOT NULL DEFAULT 0;

ALTER TABLE eventstore.erased_streams ALTER COLUMN transaction_id SET DEFAULT pg_current_xact_id();

DO $$
BEGIN
    EXECUTE format('ALTER TABLE eventstore.erased_streams ALTER COLUMN global_position SET DEFAULT nextval(%L::regclass)',
                   pg_get_serial_sequence('eventstore.events', 'global_position'));
END;
$$;

CREATE INDEX IF NOT EXISTS erased_streams_feed_idx ON eventstore.erased_streams (transaction_id, global_position);
CREATE INDEX IF NOT EXISTS erased_streams_tenant_feed_idx ON eventstore.erased_streams (tenant_id, transaction_id, global_position);

-- The owner of a stream is the ownerId in its first event's metadata. Erasing an owner's streams takes the owner's
-- advisory lock exclusively; every append that starts a stream of that owner takes it shared, before the stream's
-- lock, so no stream of the owner begins while the erasure runs and none that began before it is missed. (Appends
-- that start a stream go one by one, never in append_to_streams, so a wait for an owner holds up no other stream.)
CREATE INDEX IF NOT EXISTS events_first_by_owner_idx ON eventstore.events (tenant_id, (metadata->>'ownerId')) WHERE version = 1;

CREATE OR REPLACE FUNCTION eventstore.owner_lock_key(tenant_id text, owner_id text)
RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$ SELECT hashtextextended('eventstore.owner/' || coalesce(tenant_id, '') || '/' || owner_id, 0) $fn$;

-- Erased rows are invisible at once but stay in the table's pages until vacuum frees them for reuse: vacuum these
-- tables after fewer dead rows than PostgreSQL's default of a fifth of the table.
ALTER TABLE eventstore.events SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000);
ALTER TABLE eventstore.snapshots SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 100);
