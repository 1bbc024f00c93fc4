-- Appends the batches of many streams in one call and one transaction. Each stream's batch is all-or-nothing under
-- its own (stream_id, version) check: a conflict on one stream rolls back only that stream's rows (a subtransaction)
-- and reports false for it, while the others commit. Events are passed flattened, event_counts[i] of them per stream.
CREATE OR REPLACE FUNCTION eventstore.append_to_streams(
    stream_ids        text[],
    expected_versions integer[],
    batch_ids         uuid[],
    event_counts      integer[],
    event_types       text[],
    event_data        jsonb[],
    event_metadata    jsonb[])
RETURNS boolean[]
LANGUAGE plpgsql
AS $fn$
DECLARE
    outcomes  boolean[] := '{}';
    offset_at integer := 0;
BEGIN
    FOR s IN 1 .. coalesce(array_length(stream_ids, 1), 0) LOOP
        BEGIN
            INSERT INTO eventstore.events (stream_id, version, event_type, data, metadata, batch_id)
            SELECT stream_ids[s], expected_versions[s] + n, event_types[offset_at + n], event_data[offset_at + n],
                   event_metadata[offset_at + n], batch_ids[s]
            FROM generate_series(1, event_counts[s]) AS n;
            outcomes := outcomes || true;
        EXCEPTION WHEN unique_violation THEN
            outcomes := outcomes || false;
        END;
        offset_at := offset_at + event_counts[s];
    END LOOP;
    RETURN outcomes;
END;
$fn$;
