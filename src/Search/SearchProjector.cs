using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Conversations.EventStore;

namespace Orleans.Conversations.Search;

/// <summary>
/// Keeps <c>search.messages</c> up to date from the event feed: every silo runs one, and each batch takes the
/// projection lock, reads the position, applies the events after it and moves the position in one transaction, so
/// every event is applied exactly once whichever silo applies it. A session's erasure marker deletes its rows.
/// </summary>
public sealed class SearchProjector(
    NpgsqlDataSource dataSource, IEventFeed feed, LegacyOwner legacyOwner, IOptions<SearchOptions> options, TimeProvider clock,
    ILogger<SearchProjector> logger) : BackgroundService
{
    private const int BatchSize = 2000;

    /// <summary>Applies what the feed holds beyond the projection's position, one batch; the number of events read.</summary>
    public Task<int> ProjectBatchAsync(CancellationToken cancellationToken = default) =>
        SearchStore.Projection.ApplyBatchAsync(dataSource, feed, BatchSize, ToCommands, cancellationToken);

    /// <summary>How far the index trails the event store: the age of the oldest committed event it has not applied, or zero.</summary>
    public Task<TimeSpan> LagAsync(CancellationToken cancellationToken = default) => SearchStore.Projection.LagAsync(dataSource, feed, clock, cancellationToken);

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Index)
        {
            logger.LogInformation("The search index is not kept by this process (Search__Index=false)");
            return Task.CompletedTask;
        }

        return FeedPolling.RunAsync(ProjectBatchAsync, BatchSize, "The search index", clock, logger, stoppingToken);
    }

    private IEnumerable<NpgsqlBatchCommand> ToCommands(IReadOnlyList<FeedEvent> events)
    {
        var (rows, erased) = IndexedBatch.Read(events, legacyOwner);
        if (rows.Count > 0)
        {
            yield return new NpgsqlBatchCommand(
                """
                INSERT INTO search.messages (session_id, version, tenant_id, owner_id, role, text, at, recallable)
                SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::boolean[])
                ON CONFLICT (session_id, version) DO NOTHING
                """)
            {
                Parameters =
                {
                    Array(rows, r => r.SessionId), Array(rows, r => r.Version), Array(rows, r => r.TenantId), Array(rows, r => r.OwnerId),
                    Array(rows, r => r.Role), Array(rows, r => r.Text), Array(rows, r => r.At), Array(rows, r => r.Recallable),
                },
            };
        }

        if (erased.Count > 0)
            yield return new NpgsqlBatchCommand("DELETE FROM search.messages WHERE session_id = ANY($1)") { Parameters = { new NpgsqlParameter { Value = erased.ToArray() } } };
    }

    private static NpgsqlParameter Array<T>(List<IndexedMessage> rows, Func<IndexedMessage, T> value) => new() { Value = rows.Select(value).ToArray() };
}
