-- Appends the batches of many streams in one call and one transaction. Each stream's batch is all-or-nothing under
-- its own (stream_id, version) check: rows that hit a version already taken are skipped, and a batch that got only
-- some of its rows in has them removed again before the transaction ends, so it reports false and leaves no trace.
-- Events are passed flattened, event_counts[i] of them for stream i; batch ids are distinct per stream.
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
    written integer[];
BEGIN
    WITH requests AS (
        SELECT r.position, r.stream_id, r.expected, r.batch_id, r.event_count,
               (sum(r.event_count) OVER (ORDER BY r.position) - r.event_count)::integer AS events_before
        FROM unnest(stream_ids, expected_versions, batch_ids, event_counts)
             WITH ORDINALITY AS r(stream_id, expected, batch_id, event_count, position)
    ),
    inserted AS (
        INSERT INTO eventstore.events (stream_id, version, event_type, data, metadata, batch_id)
        SELECT q.stream_id, q.expected + n, event_types[q.events_before + n], event_data[q.events_before + n],
               event_metadata[q.events_before + n], q.batch_id
        FROM requests q CROSS JOIN LATERAL generate_series(1, q.event_count) AS n
        ORDER BY q.stream_id, n
        ON CONFLICT (stream_id, version) DO NOTHING
        RETURNING batch_id
    )
    SELECT array_agg(coalesce(c.rows, 0)::integer ORDER BY q.position) INTO written
    FROM requests q
    LEFT JOIN (SELECT batch_id, count(*) AS rows FROM inserted GROUP BY batch_id) c ON c.batch_id = q.batch_id;

    IF EXISTS (SELECT 1 FROM unnest(written, event_counts) AS w(rows, wanted) WHERE w.rows > 0 AND w.rows < w.wanted) THEN
        DELETE FROM eventstore.events e
        USING unnest(stream_ids, batch_ids, written, event_counts) AS p(stream_id, batch_id, rows, wanted)
        WHERE p.rows > 0 AND p.rows < p.wanted AND e.stream_id = p.stream_id AND e.batch_id = p.batch_id;
    END IF;

    RETURN ARRAY(SELECT w.rows = w.wanted FROM unnest(written, event_counts) WITH ORDINALITY AS w(rows, wanted, position)
                 ORDER BY w.position);
END;
$fn$;
