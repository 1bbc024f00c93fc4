-- The appends of many streams in one call and one transaction, each stream checked on its own. Defined here only:
-- applied after the numbered scripts whenever this text changes (the numbered scripts 002, 003, 005 and 006 that
-- defined it before stay as they were applied). Tombstoned streams are looked up first, in a statement of their own
-- taken after the locks, and get nothing. Fast path: when no stream of the batch has a row at the versions it
-- appends, the rows go in with a plain insert, which skips the speculative insertion of ON CONFLICT and the
-- bookkeeping of which stream got which rows. When the primary key refuses a row, the fast path's subtransaction is
-- rolled back and the batch is decided stream by stream: a stream whose batch got only some of its rows in has exactly
-- the rows this call inserted removed again.
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
    erased            boolean[];
    written           integer[];
    inserted_streams  text[];
    inserted_versions integer[];
BEGIN
    PERFORM pg_advisory_xact_lock_shared(k.key)
    FROM (SELECT DISTINCT hashtextextended(s, 0) AS key FROM unnest(stream_ids) AS s ORDER BY 1) AS k;

    SELECT array_agg(EXISTS (SELECT 1 FROM eventstore.erased_streams x WHERE x.stream_id = s.stream_id) ORDER BY s.position)
    INTO erased
    FROM unnest(stream_ids) WITH ORDINALITY AS s(stream_id, position);

    BEGIN
        INSERT INTO eventstore.events (stream_id, version, event_type, data, metadata, batch_id)
        SELECT q.stream_id, q.expected + n, event_types[q.events_before + n], event_data[q.events_before + n],
               event_metadata[q.events_before + n], q.batch_id
        FROM (SELECT r.position, r.stream_id, r.expected, r.batch_id, r.event_count,
                     (sum(r.event_count) OVER (ORDER BY r.position) - r.event_count)::integer AS events_before
              FROM unnest(stream_ids, expected_versions, batch_ids, event_counts)
                   WITH ORDINALITY AS r(stream_id, expected, batch_id, event_count, position)) AS q
        CROSS JOIN LATERAL generate_series(1, q.event_count) AS n
        WHERE NOT erased[q.position]
        ORDER BY q.stream_id, n;

        RETURN ARRAY(SELECT NOT e.is_erased FROM unnest(erased) WITH ORDINALITY AS e(is_erased, position) ORDER BY e.position);
    EXCEPTION WHEN unique_violation THEN
        NULL;
    END;

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
        WHERE NOT erased[q.position]
        ORDER BY q.stream_id, n
        ON CONFLICT (stream_id, version) DO NOTHING
        RETURNING stream_id, version
    ),
    counted AS (
        SELECT q.position, count(i.version)::integer AS rows
        FROM requests q
        LEFT JOIN inserted i ON i.stream_id = q.stream_id AND i.version > q.expected AND i.version <= q.expected + q.event_count
        GROUP BY q.position
    )
    SELECT (SELECT array_agg(c.rows ORDER BY c.position) FROM counted c),
           (SELECT array_agg(i.stream_id) FROM inserted i),
           (SELECT array_agg(i.version) FROM inserted i)
    INTO written, inserted_streams, inserted_versions;

    IF EXISTS (SELECT 1 FROM unnest(written, event_counts) AS w(rows, wanted) WHERE w.rows > 0 AND w.rows < w.wanted) THEN
        DELETE FROM eventstore.events e
        USING unnest(inserted_streams, inserted_versions) AS i(stream_id, version),
              unnest(stream_ids, expected_versions, written, event_counts) AS p(stream_id, expected, rows, wanted)
        WHERE p.rows > 0 AND p.rows < p.wanted
          AND i.stream_id = p.stream_id AND i.version > p.expected AND i.version <= p.expected + p.wanted
          AND e.stream_id = i.stream_id AND e.version = i.version;
    END IF;

    RETURN ARRAY(SELECT w.rows = w.wanted FROM unnest(written, event_counts) WITH ORDINALITY AS w(rows, wanted, position)
                 ORDER BY w.position);
END;
$fn$;
