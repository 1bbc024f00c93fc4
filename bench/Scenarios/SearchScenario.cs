using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Conversations.Bench.Infrastructure;
using Orleans.Conversations.Migrations;
using Orleans.Conversations.Search;
using Orleans.Conversations.SessionList;

namespace Orleans.Conversations.Bench.Scenarios;

/// <summary>
/// Search and its index: (a) search latency for a user with 10,000 messages in an index of 1,000,000 rows (loaded with
/// SQL, several thousand users, text drawn from a word list with a long tail), with the index the schema ships (one
/// GIN over owner and document, btree_gin) and with a GIN over the document alone plus a btree on the owner; (b)
/// messages/s at 64 clients over HTTP with the search projection on against off (<c>Search__Index=false</c>), each run
/// on a service started anew, on, off, off, on.
/// </summary>
public static class SearchScenario
{
    private const int Rows = 1_000_000;
    private const int TargetRows = 10_000;
    private const int Users = 3_000;
    private const int Clients = 64;
    private const string Target = "search-bench-target";

    /// <summary>Common words (lolo, milo, ralo), a phrase, an exclusion, an or, and rare words of the made-up language of the rows.</summary>
    private static readonly string[] Queries =
        ["lolo", "ralo", "lolo ralo", "\"lolo milo\"", "sumora or perave", "lolo -milo", "sumorasa", "hipazabe"];

    public static async Task<SearchResult> RunAsync(BenchDatabase database, string root, BenchSettings settings)
    {
        await LoadRowsAsync(database);
        var store = new SearchStore(database.DataSource);
        var shipped = await MeasureSearchAsync(store, settings);
        Console.WriteLine($"  search, {TargetRows} of {Rows} rows, GIN (tenant, owner, document): p50 {shipped.P50Ms:0.0} ms, p99 {shipped.P99Ms:0.0} ms");
        await database.ExecuteAsync(
            """
            DROP INDEX search.messages_by_owner_and_document;
            CREATE INDEX bench_messages_document ON search.messages USING gin (document);
            CREATE INDEX bench_messages_owner ON search.messages (tenant_id, owner_id, at DESC);
            ANALYZE search.messages;
            """);
        var separate = await MeasureSearchAsync(store, settings);
        Console.WriteLine($"  search, GIN (document) + btree (tenant, owner, at): p50 {separate.P50Ms:0.0} ms, p99 {separate.P99Ms:0.0} ms");
        await database.ExecuteAsync(
            """
            DROP INDEX search.bench_messages_document;
            DROP INDEX search.bench_messages_owner;
            CREATE INDEX messages_by_owner_and_document ON search.messages USING gin (tenant_id, owner_id, document);
            TRUNCATE search.messages;
            """);

        var onRuns = new List<LatencySummary>();
        var offRuns = new List<LatencySummary>();
        foreach (var indexOn in (bool[])[true, false, false, true])
        {
            await database.ClearConversationsAsync();
            await database.ExecuteAsync("DO $$ BEGIN IF to_regclass('search.messages') IS NOT NULL THEN TRUNCATE search.messages, search.projection; END IF; END $$");
            var summary = await MeasureThroughputAsync(database, root, settings, indexOn);
            (indexOn ? onRuns : offRuns).Add(summary);
            Console.WriteLine($"  index {(indexOn ? "on" : "off")}, {Clients} clients: {summary.PerSecond:0} msg/s, p50 {summary.P50Ms:0.0} ms, p99 {summary.P99Ms:0.0} ms");
        }

        var result = new SearchResult(Clients, onRuns, offRuns, shipped, separate);
        Console.WriteLine(FormattableString.Invariant(
            $"  index on ÷ off at {Clients} clients: {result.OnPerSecond:0} vs {result.OffPerSecond:0} msg/s = {result.Ratio:0.00}x"));
        return result;
    }

    private static async Task<LatencySummary> MeasureThroughputAsync(BenchDatabase database, string root, BenchSettings settings, bool indexOn)
    {
        using var service = await ServiceProcesses.StartAsync(root, database.ConnectionString,
            new Dictionary<string, string> { ["Search__Index"] = indexOn ? "true" : "false" },
            new Dictionary<string, string> { ["RateLimit__Enabled"] = "false" });
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = service.Gateway, Timeout = TimeSpan.FromSeconds(60) };
        var sessions = Enumerable.Range(0, Clients).Select(_ => Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray()).ToArray();
        Task Post(int worker, long i) => PostAsync(http, sessions[worker][i % 8], $"remember that the kalo number {i} of worker {worker} is mirata");
        await ClosedLoopLoad.RunAsync(Clients, settings.ServiceWarmUp, TimeSpan.Zero, Post);
        await service.WaitUntilQuietAsync(TimeSpan.FromSeconds(30));
        return await ClosedLoopLoad.RunAsync(Clients, settings.WarmUp, settings.Duration, Post);
    }

    internal static async Task PostAsync(HttpClient http, Guid session, string text)
    {
        using var content = new StringContent($$"""{"text":"{{text}}"}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await http.PostAsync($"/api/sessions/{session}/messages", content);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// 1,000,000 rows: <see cref="TargetRows"/> of the measured user, the rest spread over <see cref="Users"/> others;
    /// each message 6 to 25 words of a made-up language (two to four syllables), drawn log-uniformly from 20,000 words
    /// so that a few are common and most are rare.
    /// </summary>
    private static async Task LoadRowsAsync(BenchDatabase database)
    {
        var clock = Stopwatch.StartNew();
        // The schema a silo would apply: the index's, and the session list's whose titles search shows.
        await new PostgresMigrator(database.DataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync([SessionListSchema.Scripts, SearchSchema.Scripts]);
        await database.ExecuteAsync(
            """
            TRUNCATE search.messages;
            DROP INDEX IF EXISTS search.messages_by_owner_and_document;
            """);
        await database.ExecuteAsync(
            """
            INSERT INTO search.messages (session_id, version, tenant_id, owner_id, role, text, at, recallable)
            SELECT md5(owner || (g / 40)::text)::uuid, g % 40 + 2, 'default', owner, CASE WHEN g % 2 = 0 THEN 'user' ELSE 'assistant' END,
                   (SELECT string_agg(
                        ('{ka,lo,mi,ra,ta,su,no,te,ve,sa,li,zu,ko,ma,pe,ri,do,fa,gu,hi}'::text[])[1 + r % 20]
                        || ('{lo,ra,ta,ne,vi,sa,ku,mo,li,pa}'::text[])[1 + r / 20 % 10]
                        || CASE WHEN r >= 200 THEN ('{ta,ra,li,ma,no,si,ve,ku,lo,za}'::text[])[1 + r / 200 % 10] ELSE '' END
                        || CASE WHEN r >= 2000 THEN ('{ra,na,ko,mi,te,lu,sa,vo,di,be}'::text[])[1 + r / 2000 % 10] ELSE '' END, ' ')
                    FROM generate_series(1, 6 + (g::bigint * 7919 % 20)::int) k,
                         LATERAL (SELECT floor(exp(random() * ln(20000)))::int + 0 * k AS r) word),
                   now() - make_interval(secs => g), true
            FROM (SELECT g, CASE WHEN g < $1 THEN $2 ELSE 'search-bench-user-' || (g % $3) END AS owner
                  FROM generate_series(0, $4 - 1) g) s;
            """,
            TargetRows, Target, Users, Rows);
        await database.ExecuteAsync(
            """
            CREATE INDEX messages_by_owner_and_document ON search.messages USING gin (tenant_id, owner_id, document);
            ANALYZE search.messages;
            """);
        Console.WriteLine($"  loaded {Rows} rows ({TargetRows} of the measured user, {Users} others) in {clock.Elapsed.TotalSeconds:0} s");
    }

    private static async Task<LatencySummary> MeasureSearchAsync(SearchStore store, BenchSettings settings)
    {
        var recorder = new LatencyRecorder();
        var rounds = settings.Full ? 100 : 30;
        var clock = Stopwatch.StartNew();
        for (var round = -2; round < rounds; round++)
        {
            foreach (var query in Queries)
            {
                var started = Stopwatch.GetTimestamp();
                await store.SearchAsync("default", Target, query, 21, null);
                if (round >= 0)
                    recorder.Record(Stopwatch.GetElapsedTime(started));
            }
        }

        return recorder.Summarise(clock.Elapsed);
    }
}

/// <summary>What <see cref="SearchScenario"/> measured.</summary>
/// <param name="Clients">Clients of the throughput runs.</param>
/// <param name="OnRuns">Runs with the search projection on.</param>
/// <param name="OffRuns">Runs with it off (<c>Search__Index=false</c>), interleaved with <paramref name="OnRuns"/>.</param>
/// <param name="Search">Search latency with the shipped index.</param>
/// <param name="SearchSeparateIndexes">Search latency with a GIN on the document alone and the btree on the owner.</param>
public sealed record SearchResult(
    int Clients, List<LatencySummary> OnRuns, List<LatencySummary> OffRuns, LatencySummary Search, LatencySummary SearchSeparateIndexes)
{
    public double OnPerSecond => OnRuns.Average(r => r.PerSecond);

    public double OffPerSecond => OffRuns.Average(r => r.PerSecond);

    /// <summary>Index on ÷ off; the goal is at least 0.9.</summary>
    public double Ratio => OnPerSecond / OffPerSecond;
}
