-- Orleans grain state storage for Microsoft.Orleans.Persistence.AdoNet 10.4.2 on PostgreSQL: the OrleansStorage
-- table and the persistence entries of OrleansQuery (requires 001). Idempotent: safe to run again on the same database.

-- One row per grain state. A grain is identified by ServiceId, GrainTypeString and its key: N0/N1 hold a Guid or
-- integer key, GrainIdExtensionString the key extension or a whole string key. The two hashes are computed by
-- Orleans and only serve as a narrow index prefix. Version is the state's etag; PayloadBinary is NULL once cleared.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer     NOT NULL,
    GrainIdN0              bigint      NOT NULL,
    GrainIdN1              bigint      NOT NULL,
    GrainTypeHash          integer     NOT NULL,
    GrainTypeString        text        NOT NULL,
    GrainIdExtensionString text        NULL,
    ServiceId              text        NOT NULL,
    PayloadBinary          bytea       NULL,
    ModifiedOn             timestamptz NOT NULL DEFAULT now(),
    Version                integer     NOT NULL
);

-- At most one row per grain (so two activations racing to write a new state cannot both insert), and the lookup
-- path of every query. The strings enter through md5 to keep index entries small whatever the key length; a NULL
-- extension maps to '' which no md5 digest equals.
CREATE UNIQUE INDEX IF NOT EXISTS orleansstorage_grain_idx ON OrleansStorage
(
    GrainIdHash,
    GrainTypeHash,
    GrainIdN0,
    GrainIdN1,
    ServiceId,
    md5(GrainTypeString),
    coalesce(md5(GrainIdExtensionString), '')
);

-- The query texts. Orleans binds parameters by name (@Name) and reads result columns by name. Every query receives
-- @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString (may be NULL) and
-- @ServiceId; the write, clear and delete queries also receive @GrainStateVersion, the etag the grain holds (NULL
-- when it has never seen a stored row).
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    -- Zero or one row: the payload (NULL when cleared) and the version.
    'ReadFromStorageKey',
    $q$
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
    $q$
),
(
    -- With an etag: replaces the payload if the stored version still equals it. Without one: inserts version 1 if
    -- the grain has no row yet. One row, NewGrainStateVersion = the new version, or NULL when nothing was written
    -- (Orleans then raises InconsistentStateException).
    'WriteToStorageKey',
    $q$
    WITH updated AS (
        UPDATE OrleansStorage
        SET PayloadBinary = @PayloadBinary,
            ModifiedOn = now(),
            Version = Version + 1
        WHERE @GrainStateVersion IS NOT NULL
          AND GrainIdHash = @GrainIdHash
          AND GrainTypeHash = @GrainTypeHash
          AND GrainIdN0 = @GrainIdN0
          AND GrainIdN1 = @GrainIdN1
          AND ServiceId = @ServiceId
          AND GrainTypeString = @GrainTypeString
          AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
          AND Version = @GrainStateVersion
        RETURNING Version
    ),
    inserted AS (
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
             PayloadBinary, ModifiedOn, Version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
               @ServiceId, @PayloadBinary, now(), 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING Version
    )
    SELECT (SELECT Version FROM updated UNION ALL SELECT Version FROM inserted) AS NewGrainStateVersion;
    $q$
),
(
    -- Keeps the row but drops the payload, if the stored version still equals the etag. Yields the new version, or
    -- no row on a version mismatch.
    'ClearStorageKey',
    $q$
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = now(),
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
    $q$
),
(
    -- Used instead of the clear query when the provider has DeleteStateOnClear = true: removes the row if the stored
    -- version still equals the etag. Yields a value different from the etag, or no row on a version mismatch.
    'DeleteStorageKey',
    $q$
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
    $q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
