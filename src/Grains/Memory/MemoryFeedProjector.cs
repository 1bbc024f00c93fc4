using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Grains.Interfaces.Memory;

namespace Orleans.Conversations.Grains.Memory;

/// <summary>
/// Feeds users' memories from the event feed: every silo runs one, and each batch takes the projection lock, reads the
/// position, hands each user's memory what their sessions learned after it (<see cref="IUserMemoryGrain.Learn"/>), and
/// only then moves the position, in one transaction. A silo that dies between a session's commit and the memory's update
/// leaves the position where it was, and whichever silo runs the next batch delivers those learnings again; the memory
/// applies each (session, version) at most once, so every learning reaches it exactly once.
/// </summary>
/// <remarks>
/// The position is kept per Orleans service id (<paramref name="serviceId"/>): the memories a batch feeds are grains of
/// the cluster that runs it, so clusters sharing a database each feed their own. A projection with no position yet
/// starts at the end of the feed: sessions teach the memory from the moment it exists, history is not replayed into it.
/// </remarks>
public sealed class MemoryFeedProjector(
    NpgsqlDataSource dataSource, IEventFeed feed, IGrainFactory grains, string serviceId, TimeProvider clock, ILogger<MemoryFeedProjector> logger)
    : BackgroundService
{
    private readonly string _name = $"memory/{serviceId}";

    private const int BatchSize = 1000;
    private const int ConcurrentUsers = 16;
    private const string ProjectionLock = "SELECT pg_advisory_xact_lock(hashtextextended('memory.projection', 0))";

    /// <summary>Delivers what the feed holds beyond the projection's position, one batch; the number of events read.</summary>
    public async Task<int> ProjectBatchAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand(ProjectionLock, connection, transaction))
            await locking.ExecuteNonQueryAsync(cancellationToken);
        var position = await ReadPositionAsync(connection, transaction, cancellationToken);
        if (position is null)
        {
            await MoveAsync(connection, transaction, await feed.EndAsync(cancellationToken), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        var page = await feed.ReadAsync(position.Value, BatchSize, cancellationToken: cancellationToken);
        if (page.Events.Count == 0)
            return 0;

        // Each user's learnings go in commit order to their own memory; users are independent of each other.
        await Parallel.ForEachAsync(SessionLearnings.ByOwner(page.Events),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentUsers, CancellationToken = cancellationToken },
            async (owner, _) => await grains.GetGrain<IUserMemoryGrain>(UserMemoryKey.Of(owner.Key)).Learn(owner.Key, owner.Value));

        await MoveAsync(connection, transaction, page.Next, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return page.Events.Count;
    }

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        FeedPolling.RunAsync(ProjectBatchAsync, BatchSize, "Users' memories", clock, logger, stoppingToken);

    private async Task<FeedCursor?> ReadPositionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT cursor FROM memory.projection WHERE name = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _name });
        return await command.ExecuteScalarAsync(cancellationToken) is string token && FeedCursor.TryParse(token, out var cursor) ? cursor : null;
    }

    private async Task MoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, FeedCursor cursor, CancellationToken cancellationToken)
    {
        await using var move = new NpgsqlCommand(
            "INSERT INTO memory.projection (name, cursor) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor", connection, transaction);
        move.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _name });
        move.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cursor.ToToken() });
        await move.ExecuteNonQueryAsync(cancellationToken);
    }
}
