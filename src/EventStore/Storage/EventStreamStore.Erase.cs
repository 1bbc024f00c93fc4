using Npgsql;

namespace Orleans.Conversations.EventStore.Storage;

internal sealed partial class EventStreamStore
{
    private const string TombstoneColumns = "erasure_id, tenant_id, owner_id, erased_at";

    /// <summary>
    /// Takes the stream's advisory lock exclusively (waiting for the appends and snapshots in flight, which hold it
    /// shared), then leaves a tombstone unless there is one and deletes the stream's snapshots and events, in one
    /// transaction.
    /// </summary>
    public async Task<StreamErasure> EraseAsync(string streamId, StreamErasureRequest request, CancellationToken cancellationToken = default)
    {
        var delete = Command("DELETE FROM eventstore.events WHERE stream_id = $1", streamId);
        var tombstone = new NpgsqlBatchCommand(
            "INSERT INTO eventstore.erased_streams (stream_id, erasure_id, tenant_id, owner_id) VALUES ($1, $2, $3, $4) ON CONFLICT (stream_id) DO NOTHING")
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = streamId },
                new NpgsqlParameter<Guid> { TypedValue = request.ErasureId },
                new NpgsqlParameter { Value = (object?)request.TenantId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new NpgsqlParameter { Value = (object?)request.OwnerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
            },
        };
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", streamId));
        batch.BatchCommands.Add(tombstone);
        batch.BatchCommands.Add(Command("DELETE FROM eventstore.snapshots WHERE stream_id = $1", streamId));
        batch.BatchCommands.Add(delete);
        batch.BatchCommands.Add(Command($"SELECT {TombstoneColumns} FROM eventstore.erased_streams WHERE stream_id = $1", streamId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (reader.FieldCount == 0 || reader.GetName(0) != "erasure_id")
        {
            if (!await reader.NextResultAsync(cancellationToken))
                throw new InvalidOperationException($"The erasure of stream {streamId} returned no tombstone.");
        }

        var found = await ReadTombstoneAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return new StreamErasure(delete.RecordsAffected, found ?? throw new InvalidOperationException($"Stream {streamId} has no tombstone after its erasure."));
    }

    /// <summary>Whether the stream has a tombstone.</summary>
    public async Task<bool> IsErasedAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM eventstore.erased_streams WHERE stream_id = $1)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The stream's tombstone, if it has one.</summary>
    public async Task<StreamTombstone?> ReadTombstoneAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {TombstoneColumns} FROM eventstore.erased_streams WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadTombstoneAsync(reader, cancellationToken);
    }

    /// <summary>The streams whose first event's metadata names the owner, found through the index on exactly that.</summary>
    public async Task<IReadOnlyList<string>> FindStreamsOfOwnerAsync(string tenantId, string ownerId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT stream_id FROM eventstore.events WHERE version = 1 AND tenant_id = $1 AND metadata->>'ownerId' = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ownerId });
        var streams = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            streams.Add(reader.GetString(0));
        return streams;
    }

    /// <summary>Takes the owner's advisory lock exclusively in a transaction that writes nothing, until disposed.</summary>
    public async Task<IAsyncDisposable> HoldOwnerAsync(string tenantId, string ownerId, CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var locking = new NpgsqlCommand("SELECT pg_advisory_xact_lock(eventstore.owner_lock_key($1, $2))", connection, transaction);
            locking.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
            locking.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ownerId });
            await locking.ExecuteNonQueryAsync(cancellationToken);
            return new OwnerHold(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<StreamTombstone?> ReadTombstoneAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new StreamTombstone(
            reader.IsDBNull(0) ? null : reader.GetGuid(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetFieldValue<DateTimeOffset>(3));
    }

    private static NpgsqlBatchCommand Command(string sql, string streamId)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        return command;
    }

    private sealed class OwnerHold(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await transaction.CommitAsync();
            }
            finally
            {
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
            }
        }
    }
}
