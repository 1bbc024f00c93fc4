-- The tenant of each event, from its metadata, and the transaction that wrote it, for a feed in commit order.
-- global_position is handed out at insert, not at commit, so a reader that resumes "after position X" would skip
-- the rows of a transaction that commits after a later one. The feed reads only rows of transactions older than the
-- oldest one still running (pg_snapshot_xmin), which can no longer change, ordered by (transaction_id, global_position).
-- Rows already stored get the transaction id of this migration.
ALTER TABLE eventstore.events
    ADD COLUMN IF NOT EXISTS tenant_id      text GENERATED ALWAYS AS (metadata->>'tenantId') STORED,
    ADD COLUMN IF NOT EXISTS transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE INDEX IF NOT EXISTS events_transaction_idx ON eventstore.events (transaction_id, global_position);

CREATE INDEX IF NOT EXISTS events_tenant_transaction_idx ON eventstore.events (tenant_id, transaction_id, global_position);
