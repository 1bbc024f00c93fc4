using Npgsql;
using Orleans.Conversations.EventStore;

namespace Orleans.Conversations.Search;

/// <summary>
/// The queries of the search index: search over one owner's messages, recall into a turn, and the removal of an erased
/// session's rows. Every query leaves out rows of a tombstoned stream, so nothing erased is returned even while a row
/// of it lingers.
/// </summary>
public sealed partial class SearchStore(NpgsqlDataSource dataSource, IMessageEmbedder? embedder = null)
{
    /// <summary>The projection's position (row <c>messages</c> of <c>search.projection</c>) and lock.</summary>
    internal static readonly FeedProjectionTable Projection = new("search.projection", "messages");

    /// <summary>How long one query may run before PostgreSQL is told to cancel it.</summary>
    private const int QueryTimeoutSeconds = 5;

    /// <summary>The condition that row <c>m</c> is not of an erased session.</summary>
    private const string NotErased =
        "NOT EXISTS (SELECT 1 FROM eventstore.erased_streams e WHERE e.stream_id = 'conversation/' || replace(m.session_id::text, '-', ''))";

    /// <summary>The session's title now, from the session list, of the row <c>m</c>.</summary>
    private const string Title =
        "(SELECT coalesce(s.title, s.default_title) FROM session_list.sessions s WHERE s.session_id = m.session_id)";

    /// <summary>
    /// Deletes the rows and the vectors of <paramref name="sessionId"/>, each under its projection's lock, so that a
    /// batch in flight that read the session's events before the erasure cannot write them back after; whether there
    /// were any.
    /// </summary>
    public async Task<bool> RemoveSessionAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        await RemoveAsync(Projection, "search.messages", sessionId, cancellationToken)
        | await RemoveAsync(EmbeddingProjector.Projection, "search.message_vectors", sessionId, cancellationToken);

    private async Task<bool> RemoveAsync(FeedProjectionTable projection, string table, Guid sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand(projection.LockStatement, connection, transaction))
            await locking.ExecuteNonQueryAsync(cancellationToken);
        await using var delete = new NpgsqlCommand($"DELETE FROM {table} WHERE session_id = $1", connection, transaction)
        {
            Parameters = { new NpgsqlParameter<Guid> { TypedValue = sessionId } },
        };
        var removed = await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed > 0;
    }

    private NpgsqlCommand Command(string sql)
    {
        var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = QueryTimeoutSeconds;
        return command;
    }
}
