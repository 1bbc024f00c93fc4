using Npgsql;
using NpgsqlTypes;

namespace Orleans.Conversations.EventStore.Storage;

/// <summary>The SQL of the event store: reads and writes of the <c>eventstore</c> tables.</summary>
internal sealed partial class EventStreamStore(NpgsqlDataSource dataSource) : IEventStreamAppender
{
    private const string UniqueViolation = "23505";

    /// <summary>Events of <paramref name="streamId"/> with versions in (<paramref name="afterVersion"/>,
    /// <paramref name="upToVersion"/>], oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<List<StoredEvent>> ReadEventsAsync(
        string streamId, int afterVersion, int upToVersion = int.MaxValue, int limit = int.MaxValue,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT version, event_type, data::text, metadata::text, batch_id, recorded_at
            FROM eventstore.events
            WHERE stream_id = $1 AND version > $2 AND version <= $3
            ORDER BY version
            LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = afterVersion });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = upToVersion });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = limit });

        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new StoredEvent(
                reader.GetInt32(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetGuid(4),
                new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero)));
        }

        return events;
    }

    /// <summary>
    /// Versions of the events of <paramref name="streamId"/> of type <paramref name="eventType"/> whose data contains
    /// <paramref name="jsonFragment"/>, oldest first.
    /// </summary>
    public async Task<List<int>> FindVersionsAsync(string streamId, string eventType, string jsonFragment, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT version
            FROM eventstore.events
            WHERE stream_id = $1 AND event_type = $2 AND data @> $3::jsonb
            ORDER BY version
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jsonFragment });
        return await ReadVersionsAsync(command, cancellationToken);
    }

    private static async Task<List<int>> ReadVersionsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            versions.Add(reader.GetInt32(0));
        return versions;
    }

    /// <inheritdoc/>
    public async Task<bool> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        var count = request.Events.Count;
        var versions = new int[count];
        var types = new string[count];
        var data = new string[count];
        var metadata = new string[count];
        for (var i = 0; i < count; i++)
        {
            versions[i] = request.ExpectedVersion + 1 + i;
            types[i] = request.Events[i].EventType;
            data[i] = request.Events[i].Data;
            metadata[i] = request.Events[i].Metadata;
        }

        // The locks, shared with other appends and exclusive to an eraser, are taken in a statement of their own so
        // that the insert's snapshot sees a tombstone committed while it waited: the owner's first when the append
        // starts the stream, then the stream's. One implicit transaction, one round trip; the primary key rejects the
        // insert if another writer got to any of these versions first.
        await using var batch = dataSource.CreateBatch();
        var lockStream = new NpgsqlBatchCommand(
            """
            SELECT pg_advisory_xact_lock_shared(l.key)
            FROM (SELECT 0 AS rank, eventstore.owner_lock_key($2::jsonb->>'tenantId', $2::jsonb->>'ownerId') AS key
                  WHERE $3 = 0 AND $2::jsonb ? 'ownerId'
                  UNION ALL
                  SELECT 1, hashtextextended($1, 0)
                  ORDER BY 1) AS l
            """);
        lockStream.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.StreamId });
        lockStream.Parameters.Add(new NpgsqlParameter<string> { TypedValue = count > 0 ? metadata[0] : "{}", NpgsqlDbType = NpgsqlDbType.Jsonb });
        lockStream.Parameters.Add(new NpgsqlParameter<int> { TypedValue = request.ExpectedVersion });
        var insert = new NpgsqlBatchCommand(
            """
            INSERT INTO eventstore.events (stream_id, version, event_type, data, metadata, batch_id)
            SELECT $1, e.version, e.event_type, e.data, e.metadata, $2
            FROM unnest($3::integer[], $4::text[], $5::jsonb[], $6::jsonb[]) AS e(version, event_type, data, metadata)
            WHERE NOT EXISTS (SELECT 1 FROM eventstore.erased_streams WHERE stream_id = $1)
            """);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.StreamId });
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = request.BatchId });
        insert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = versions });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        batch.BatchCommands.Add(lockStream);
        batch.BatchCommands.Add(insert);

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return insert.RecordsAffected == count;
        }
        catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
        {
            return false;
        }
    }

    /// <summary>The newest snapshot of the stream at or below <paramref name="atOrBelowVersion"/>, if any.</summary>
    public async Task<StoredSnapshot?> ReadSnapshotAsync(
        string streamId, int atOrBelowVersion = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT version, state::text FROM eventstore.snapshots
            WHERE stream_id = $1 AND version <= $2
            ORDER BY version DESC
            LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = atOrBelowVersion });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredSnapshot(reader.GetInt32(0), reader.GetString(1))
            : null;
    }

    /// <summary>
    /// Stores the state of the stream as it stood at <paramref name="version"/>, unless the stream was erased, and prunes
    /// the stream's snapshots, in one round trip: the newest <paramref name="keep"/> stay, and with a <paramref name="spacing"/> (the snapshot
    /// interval) older ones stay log-spaced: a snapshot whose age (versions below the newest) is A stands for a step of
    /// <paramref name="spacing"/> times the largest power of two at most A / (8 × <paramref name="spacing"/>), the newest
    /// snapshot of each step stays. So about 8 are kept each time the age doubles, and any version V has a snapshot
    /// at most about max(2 × spacing, age of V / 4) versions below it.
    /// </summary>
    public async Task WriteSnapshotAsync(
        string streamId, int version, string stateType, string state, int keep, int spacing = 0, CancellationToken cancellationToken = default)
    {
        // Under the stream's lock, shared as appends take it, so an erasure in flight is waited for and its tombstone
        // keeps the snapshot out: a snapshot written after an erasure would bring the stream back.
        await using var batch = dataSource.CreateBatch();
        var lockStream = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))");
        lockStream.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        batch.BatchCommands.Add(lockStream);
        var write = new NpgsqlBatchCommand(
            """
            INSERT INTO eventstore.snapshots (stream_id, version, state_type, state)
            SELECT $1, $2, $3, $4::jsonb
            WHERE NOT EXISTS (SELECT 1 FROM eventstore.erased_streams WHERE stream_id = $1)
            ON CONFLICT (stream_id, version) DO UPDATE SET state = excluded.state, state_type = excluded.state_type, taken_at = now()
            """);
        write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        write.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
        write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateType });
        write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state });
        var prune = new NpgsqlBatchCommand(
            """
            DELETE FROM eventstore.snapshots AS s
            USING (
                SELECT version,
                       row_number() OVER (ORDER BY version DESC) AS newest,
                       row_number() OVER (PARTITION BY step, version / step ORDER BY version DESC) AS in_step
                FROM (
                    SELECT version,
                           greatest($3, 1) * (1 << floor(log(2, greatest(1, (max(version) OVER () - version) / (greatest($3, 1) * 8))::numeric))::int) AS step
                    FROM eventstore.snapshots WHERE stream_id = $1) AS aged) AS ranked
            WHERE s.stream_id = $1 AND s.version = ranked.version AND ranked.newest > $2 AND ($3 = 0 OR ranked.in_step > 1)
            """);
        prune.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        prune.Parameters.Add(new NpgsqlParameter<int> { TypedValue = keep });
        prune.Parameters.Add(new NpgsqlParameter<int> { TypedValue = spacing });
        batch.BatchCommands.Add(write);
        batch.BatchCommands.Add(prune);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes every event and snapshot of the stream, in one transaction.</summary>
    public async Task DeleteStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var sql in (string[])["DELETE FROM eventstore.snapshots WHERE stream_id = $1", "DELETE FROM eventstore.events WHERE stream_id = $1"])
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
