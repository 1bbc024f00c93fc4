using Npgsql;

namespace Orleans.Conversations.EventStore.Storage;

internal sealed partial class EventStreamStore
{
    /// <summary>
    /// Takes the stream's advisory lock exclusively (waiting for the appends in flight, which hold it shared), then
    /// leaves a tombstone and deletes the stream's snapshots and events, in one transaction; returns how many events
    /// were deleted.
    /// </summary>
    public async Task<int> EraseAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var delete = Command("DELETE FROM eventstore.events WHERE stream_id = $1", streamId);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", streamId));
        batch.BatchCommands.Add(Command("INSERT INTO eventstore.erased_streams (stream_id) VALUES ($1) ON CONFLICT (stream_id) DO NOTHING", streamId));
        batch.BatchCommands.Add(Command("DELETE FROM eventstore.snapshots WHERE stream_id = $1", streamId));
        batch.BatchCommands.Add(delete);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return delete.RecordsAffected;
    }

    /// <summary>Whether the stream has a tombstone.</summary>
    public async Task<bool> IsErasedAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM eventstore.erased_streams WHERE stream_id = $1)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static NpgsqlBatchCommand Command(string sql, string streamId)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        return command;
    }
}
