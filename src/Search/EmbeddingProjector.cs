using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Conversations.EventStore;

namespace Orleans.Conversations.Search;

/// <summary>
/// Keeps <c>search.message_vectors</c> up to date from the event feed, off the turn's path: it reads the messages the
/// index holds (the same rules as <see cref="SearchProjector"/>), embeds a batch of them in one model call and writes
/// their vectors with its position in one transaction under its own lock. A session's erasure marker deletes its
/// vectors. It may trail the index under load; it logs how far when that exceeds <see cref="LagWarning"/>.
/// </summary>
public sealed class EmbeddingProjector(
    NpgsqlDataSource dataSource, IEventFeed feed, LegacyOwner legacyOwner, IMessageEmbedder embedder, TimeProvider clock,
    ILogger<EmbeddingProjector> logger) : BackgroundService
{
    /// <summary>The events read per batch: at most this many messages go into one model call.</summary>
    public const int BatchSize = 64;

    /// <summary>The lag beyond which the projector logs how far it trails.</summary>
    public static readonly TimeSpan LagWarning = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan FirstLagCheck = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongestLagCheck = TimeSpan.FromMinutes(5);

    /// <summary>The projection's position (row <c>vectors</c> of <c>search.vector_projection</c>) and lock.</summary>
    internal static readonly FeedProjectionTable Projection = new("search.vector_projection", "vectors");

    /// <summary>Embeds what the feed holds beyond the projection's position, one batch; the number of events read.</summary>
    public Task<int> ProjectBatchAsync(CancellationToken cancellationToken = default) =>
        Projection.ApplyBatchAsync(dataSource, feed, BatchSize, events => ToCommands(events, cancellationToken), cancellationToken);

    /// <summary>How far the vectors trail the event store: the age of the oldest committed event not embedded yet, or zero.</summary>
    public Task<TimeSpan> LagAsync(CancellationToken cancellationToken = default) => Projection.LagAsync(dataSource, feed, clock, cancellationToken);

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        Task.Run(() => FeedPolling.RunAsync(ProjectBatchAsync, BatchSize, "The message vectors", clock, logger, stoppingToken), stoppingToken),
        WatchLagAsync(stoppingToken));

    private async Task WatchLagAsync(CancellationToken stoppingToken)
    {
        var interval = FirstLagCheck;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                var lag = await LagAsync(stoppingToken);
                if (lag <= LagWarning)
                {
                    interval = FirstLagCheck;
                    continue;
                }

                logger.LogWarning("The message vectors trail the event store by {Lag}", lag);
                interval = interval * 2 < LongestLagCheck ? interval * 2 : LongestLagCheck;
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (NpgsqlException exception)
            {
                logger.LogDebug("The message vectors' lag cannot be read ({Error})", exception.Message);
            }
        }
    }

    private IEnumerable<NpgsqlBatchCommand> ToCommands(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken)
    {
        var (rows, erased) = IndexedBatch.Read(events, legacyOwner);
        var commands = new List<NpgsqlBatchCommand>();
        if (rows.Count > 0)
        {
            var vectors = embedder.Embed(rows.Select(r => r.Text).ToArray(), cancellationToken);
            commands.Add(new NpgsqlBatchCommand(
                """
                INSERT INTO search.message_vectors (session_id, version, tenant_id, owner_id, role, at, recallable, vector)
                SELECT s, v, t, o, r, a, c, ($8::real[])[(i - 1) * $9 + 1 : i * $9]
                FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::boolean[])
                     WITH ORDINALITY AS u(s, v, t, o, r, a, c, i)
                ON CONFLICT (session_id, version) DO NOTHING
                """)
            {
                Parameters =
                {
                    Array(rows, r => r.SessionId), Array(rows, r => r.Version), Array(rows, r => r.TenantId), Array(rows, r => r.OwnerId),
                    Array(rows, r => r.Role), Array(rows, r => r.At), Array(rows, r => r.Recallable),
                    new NpgsqlParameter<float[]> { TypedValue = vectors.SelectMany(v => v).ToArray() },
                    new NpgsqlParameter<int> { TypedValue = embedder.Dimensions },
                },
            });
        }

        if (erased.Count > 0)
            commands.Add(new NpgsqlBatchCommand("DELETE FROM search.message_vectors WHERE session_id = ANY($1)") { Parameters = { new NpgsqlParameter { Value = erased.ToArray() } } });
        return commands;
    }

    private static NpgsqlParameter Array<T>(List<IndexedMessage> rows, Func<IndexedMessage, T> value) => new() { Value = rows.Select(value).ToArray() };
}
