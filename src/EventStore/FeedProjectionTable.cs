using Npgsql;

namespace Orleans.Conversations.EventStore;

/// <summary>
/// Where a read model projected from the <see cref="IEventFeed"/> keeps its position (a row <c>(name, cursor)</c> of
/// <see cref="Table"/>), and the transaction-scoped advisory lock named after that table under which one batch at a
/// time is applied together with its new position, whichever process applies it.
/// </summary>
/// <param name="Table">The positions table, schema-qualified (<c>session_list.projection</c>).</param>
/// <param name="Name">The projection's row in it.</param>
public sealed record FeedProjectionTable(string Table, string Name)
{
    /// <summary>The statement that takes the projection's lock until the end of the transaction.</summary>
    public string LockStatement => $"SELECT pg_advisory_xact_lock(hashtextextended('{Table}', 0))";

    /// <summary>
    /// Applies what the feed holds beyond the position, one batch of at most <paramref name="batchSize"/> events: the
    /// commands <paramref name="toCommands"/> makes of them and the new position, in one transaction under the lock;
    /// the number of events read.
    /// </summary>
    public async Task<int> ApplyBatchAsync(
        NpgsqlDataSource dataSource, IEventFeed feed, int batchSize, Func<IReadOnlyList<FeedEvent>, IEnumerable<NpgsqlBatchCommand>> toCommands,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand(LockStatement, connection, transaction))
            await locking.ExecuteNonQueryAsync(cancellationToken);
        var page = await feed.ReadAsync(await ReadPositionAsync(connection, transaction, cancellationToken), batchSize, cancellationToken: cancellationToken);
        if (page.Events.Count == 0)
            return 0;

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in toCommands(page.Events))
            batch.BatchCommands.Add(command);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"INSERT INTO {Table} (name, cursor) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor")
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = Name }, new NpgsqlParameter<string> { TypedValue = page.Next.ToToken() } },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return page.Events.Count;
    }

    /// <summary>
    /// How far the projection trails the event store: the age of the oldest committed event it has not applied (zero
    /// when it has applied them all). It grows while a transaction held open anywhere on the server keeps the feed back.
    /// </summary>
    public async Task<TimeSpan> LagAsync(NpgsqlDataSource dataSource, IEventFeed feed, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var position = await ReadPositionAsync(connection, null, cancellationToken);
        return await feed.OldestAfterAsync(position, cancellationToken) is { } oldest && clock.GetUtcNow() - oldest is var lag && lag > TimeSpan.Zero
            ? lag
            : TimeSpan.Zero;
    }

    private async Task<FeedCursor> ReadPositionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT cursor FROM {Table} WHERE name = $1", connection, transaction)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = Name } },
        };
        return await command.ExecuteScalarAsync(cancellationToken) is string token && FeedCursor.TryParse(token, out var cursor)
            ? cursor
            : FeedCursor.Start;
    }
}
