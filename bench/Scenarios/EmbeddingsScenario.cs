using System.Diagnostics;
using Orleans.Conversations.Bench.Infrastructure;

namespace Orleans.Conversations.Bench.Scenarios;

/// <summary>
/// Semantic recall's projection (<c>Recall__Embeddings=minilm</c>): messages/s at 64 clients over HTTP with embeddings
/// on against off (on, off, off, on, each on a service started anew), the embedding projection's lag sampled every
/// 500 ms during the load (the age of the oldest indexed message without a vector), and after the load how many
/// messages a second it embeds while it drains the backlog.
/// </summary>
public static class EmbeddingsScenario
{
    private const int Clients = 64;

    private const string Backlog =
        """
        SELECT count(*), coalesce(extract(epoch FROM now() - min(m.at)), 0)::float8 FROM search.messages m
        WHERE NOT EXISTS (SELECT 1 FROM search.message_vectors v WHERE v.session_id = m.session_id AND v.version = m.version)
        """;

    public static async Task RunAsync(BenchDatabase database, string root, BenchSettings settings)
    {
        var on = new List<LatencySummary>();
        var off = new List<LatencySummary>();
        foreach (var embeddings in (bool[])[true, false, false, true])
        {
            await database.ClearConversationsAsync();
            await database.ExecuteAsync(
                """
                DO $$ BEGIN IF to_regclass('search.message_vectors') IS NOT NULL THEN
                    TRUNCATE search.messages, search.projection, search.message_vectors, search.vector_projection; END IF; END $$
                """);
            using var service = await ServiceProcesses.StartAsync(root, database.ConnectionString,
                new Dictionary<string, string> { ["Recall__Embeddings"] = embeddings ? "minilm" : "none" },
                new Dictionary<string, string> { ["RateLimit__Enabled"] = "false" });
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = service.Gateway, Timeout = TimeSpan.FromSeconds(60) };
            var sessions = Enumerable.Range(0, Clients).Select(_ => Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray()).ToArray();
            Task Post(int worker, long i) => SearchScenario.PostAsync(http, sessions[worker][i % 8], $"remember that the kalo number {i} of worker {worker} is mirata");
            await ClosedLoopLoad.RunAsync(Clients, settings.ServiceWarmUp, TimeSpan.Zero, Post);
            await service.WaitUntilQuietAsync(TimeSpan.FromSeconds(60));

            using var sampling = new CancellationTokenSource();
            var lags = embeddings ? SampleLagAsync(database, sampling.Token) : Task.FromResult(new List<double>());
            var summary = await ClosedLoopLoad.RunAsync(Clients, settings.WarmUp, settings.Duration, Post);
            await sampling.CancelAsync();
            (embeddings ? on : off).Add(summary);
            var line = $"  embeddings {(embeddings ? "on" : "off")}, {Clients} clients: {summary.PerSecond:0} msg/s, p50 {summary.P50Ms:0.0} ms, p99 {summary.P99Ms:0.0} ms";
            if (embeddings)
            {
                var sampled = (await lags).Order().ToList();
                var (backlog, drained) = await DrainAsync(database);
                line += FormattableString.Invariant(
                    $"; lag p50 {sampled[sampled.Count / 2]:0.0} s, max {sampled[^1]:0.0} s; then {backlog} messages embedded in {drained.TotalSeconds:0.0} s = {backlog / drained.TotalSeconds:0} msg/s");
            }

            Console.WriteLine(line);
        }

        Console.WriteLine(FormattableString.Invariant(
            $"  embeddings on ÷ off at {Clients} clients: {on.Average(r => r.PerSecond):0} vs {off.Average(r => r.PerSecond):0} msg/s = {on.Average(r => r.PerSecond) / off.Average(r => r.PerSecond):0.00}x"));
    }

    private static async Task<List<double>> SampleLagAsync(BenchDatabase database, CancellationToken stop)
    {
        var lags = new List<double>();
        while (!stop.IsCancellationRequested)
        {
            lags.Add((await ReadBacklogAsync(database)).OldestSeconds);
            await Task.Delay(500, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return lags;
    }

    private static async Task<(long Backlog, TimeSpan Took)> DrainAsync(BenchDatabase database)
    {
        var clock = Stopwatch.StartNew();
        var backlog = (await ReadBacklogAsync(database)).Count;
        while ((await ReadBacklogAsync(database)).Count > 0 && clock.Elapsed < TimeSpan.FromMinutes(5))
            await Task.Delay(100);
        return (backlog, clock.Elapsed);
    }

    private static async Task<(long Count, double OldestSeconds)> ReadBacklogAsync(BenchDatabase database)
    {
        await using var command = database.DataSource.CreateCommand(Backlog);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetDouble(1));
    }
}
