using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Orleans.Conversations.Access;
using Orleans.Conversations.Bench.Infrastructure;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Bench.Scenarios;

/// <summary>
/// Scenario 6, memory across sessions, over HTTP against the service's own processes: messages/s at 64 clients in
/// sessions that read and feed their user's memory against temporary sessions (<c>{"memory": "off"}</c>) of the same
/// users; the first reply of a new session of a user with 200 memories; and the lag from a turn's commit to its fact
/// being listed by <c>GET /api/memory</c>.
/// </summary>
public static class UserMemoryScenario
{
    /// <summary>Clients of the throughput runs, each a user of its own (as many memory grains as users).</summary>
    public const int Clients = 64;

    /// <summary>Memories of the user whose first replies are measured: <c>Memory__MaxItems</c>' default.</summary>
    public const int SeededItems = 200;

    private const int SessionsPerClient = 16;

    /// <summary>
    /// What the clients say, in turn: statements that teach the memory something, small talk, and a question its answer
    /// draws on the memory for.
    /// </summary>
    private static readonly byte[][] Bodies =
    [
        Encoding.UTF8.GetBytes("""{"text":"my name is Ada"}"""),
        Encoding.UTF8.GetBytes("""{"text":"Tell me about the weather"}"""),
        Encoding.UTF8.GetBytes("""{"text":"I like tea"}"""),
        Encoding.UTF8.GetBytes("""{"text":"what's my name?"}"""),
    ];

    public static async Task<UserMemoryResult> RunAsync(BenchDatabase database, string root, BenchSettings settings)
    {
        await database.ClearConversationsAsync();
        using var service = await ServiceProcesses.StartAsync(root, database.ConnectionString,
            new Dictionary<string, string> { ["Auth__Mode"] = "required", ["RateLimit__Enabled"] = "false" });
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = service.Gateway,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var keys = new ApiKeyStore(database.DataSource);
        var run = Guid.NewGuid().ToString("N")[..8];
        async Task<string> KeyAsync(string user) => (await keys.CreateAsync(Caller.DefaultTenant, $"memory-bench-{run}-{user}", false, "bench")).Key;

        var clients = await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            var key = await KeyAsync($"client-{c}");
            var on = new string[SessionsPerClient];
            var off = new string[SessionsPerClient];
            for (var s = 0; s < SessionsPerClient; s++)
            {
                on[s] = await StartSessionAsync(http, key, memoryOff: false);
                off[s] = await StartSessionAsync(http, key, memoryOff: true);
            }

            return new BenchClient(key, on, off);
        }));

        // A turn in every session, then load on both kinds, so that both are measured warm and under way.
        await Task.WhenAll(clients.Select(c => Task.Run(async () =>
        {
            foreach (var session in c.MemoryOn.Concat(c.MemoryOff))
                await PostAsync(http, c.Key, session, Bodies[0]);
        })));
        await ClosedLoopLoad.RunAsync(Clients, settings.ServiceWarmUp, TimeSpan.Zero, (worker, i) =>
            PostAsync(http, clients[worker].Key, SessionOf(clients[worker], i % 2 == 0, i), Bodies[i % Bodies.Length]));
        Console.WriteLine($"  (quiet {(await service.WaitUntilQuietAsync(TimeSpan.FromSeconds(30))).TotalSeconds:0} s after the warm-up)");

        // A settling run of both, not counted (the first run after the warm-up came out slow whichever kind it was),
        // then on, off, off, on, twice: a drift over the run weighs on both alike.
        await ClosedLoopLoad.RunAsync(Clients, settings.Duration, TimeSpan.Zero, (worker, i) =>
            PostAsync(http, clients[worker].Key, SessionOf(clients[worker], i % 2 == 0, i), Bodies[i % Bodies.Length]));
        var onRuns = new List<LatencySummary>();
        var offRuns = new List<LatencySummary>();
        bool[] order = [true, false, false, true, true, false, false, true];
        foreach (var memoryOn in order)
        {
            var summary = await ClosedLoopLoad.RunAsync(Clients, settings.WarmUp, settings.Duration, (worker, i) =>
                PostAsync(http, clients[worker].Key, SessionOf(clients[worker], memoryOn, i), Bodies[i % Bodies.Length]));
            (memoryOn ? onRuns : offRuns).Add(summary);
            Console.WriteLine($"  memory {(memoryOn ? "on" : "off")}, {Clients} clients: {summary.PerSecond:0} msg/s, p50 {summary.P50Ms:0.0} ms, p99 {summary.P99Ms:0.0} ms");
        }

        var (firstReplyFull, firstReplyEmpty, items) = await MeasureFirstRepliesAsync(http, KeyAsync, settings);
        var lag = await MeasureLagAsync(http, await KeyAsync("lag"), settings);
        var result = new UserMemoryResult(Clients, onRuns, offRuns, items, firstReplyFull, firstReplyEmpty, lag);
        Console.WriteLine(FormattableString.Invariant(
            $"  memory on ÷ off at {Clients} clients: {result.OnPerSecond:0} vs {result.OffPerSecond:0} msg/s = {result.Ratio:0.00}x"));
        return result;
    }

    /// <summary>
    /// The first reply of new sessions ("what's my name?" to a new id, which starts the session), in turn for a user with
    /// <see cref="SeededItems"/> memories (added with <c>POST /api/memory</c>) and for a user with none.
    /// </summary>
    private static async Task<(LatencySummary Full, LatencySummary Empty, int Items)> MeasureFirstRepliesAsync(
        HttpClient http, Func<string, Task<string>> keyOf, BenchSettings settings)
    {
        var full = await keyOf("full");
        var empty = await keyOf("empty");
        foreach (var (key, value) in SeedItems())
            await SendAsync(http, HttpMethod.Post, full, "/api/memory", JsonContent.Create(new { key, value }), HttpStatusCode.Created);
        var items = (await ReadMemoryAsync(http, full))["items"]!.AsArray().Count;
        Console.WriteLine($"  a user with {items} memories (of {SeededItems} added)");

        var fullRecorder = new LatencyRecorder();
        var emptyRecorder = new LatencyRecorder();
        var question = Bodies[3];
        var samples = settings.Full ? 300 : 100;
        for (var i = -5; i < samples; i++)
        {
            foreach (var (key, recorder) in (List<(string, LatencyRecorder)>)[(full, fullRecorder), (empty, emptyRecorder)])
            {
                // Started by its first message, so that the timed call activates the session and reads the memory.
                var session = Guid.NewGuid().ToString();
                var started = Stopwatch.GetTimestamp();
                await PostAsync(http, key, session, question);
                if (i >= 0)
                    recorder.Record(Stopwatch.GetElapsedTime(started));
            }
        }

        var (fullSummary, emptySummary) = (fullRecorder.Summarise(TimeSpan.FromSeconds(1)), emptyRecorder.Summarise(TimeSpan.FromSeconds(1)));
        Console.WriteLine($"  first reply of a new session, {items} memories: p50 {fullSummary.P50Ms:0.0} ms, p99 {fullSummary.P99Ms:0.0} ms; none: p50 {emptySummary.P50Ms:0.0} ms, p99 {emptySummary.P99Ms:0.0} ms");
        return (fullSummary, emptySummary, items);
    }

    /// <summary>
    /// Tells a session a new name and polls <c>GET /api/memory</c> (every <see cref="LagPoll"/>) until it lists it: the
    /// time from the reply (the turn committed before it) to the memory listing the name.
    /// </summary>
    private static async Task<LatencySummary> MeasureLagAsync(HttpClient http, string key, BenchSettings settings)
    {
        var session = await StartSessionAsync(http, key, memoryOff: false);
        var recorder = new LatencyRecorder();
        var samples = settings.Full ? 300 : 100;
        for (var i = -5; i < samples; i++)
        {
            var name = "Ka" + Letters(i + 5);
            await PostAsync(http, key, session, Encoding.UTF8.GetBytes($$"""{"text":"my name is {{name}}"}"""));
            var committed = Stopwatch.GetTimestamp();
            while (!Lists(await ReadMemoryAsync(http, key), name))
            {
                if (Stopwatch.GetElapsedTime(committed) > TimeSpan.FromSeconds(30))
                    throw new InvalidOperationException($"The memory never listed the name {name}.");
                await Task.Delay(LagPoll);
            }

            if (i >= 0)
                recorder.Record(Stopwatch.GetElapsedTime(committed));
        }

        var summary = recorder.Summarise(TimeSpan.FromSeconds(1));
        Console.WriteLine($"  memory lag, commit to GET /api/memory: p50 {summary.P50Ms:0.0} ms, p99 {summary.P99Ms:0.0} ms, max {summary.MaxMs:0.0} ms");
        return summary;

        static bool Lists(JsonObject memory, string name) => memory["items"]!.AsArray().Any(item =>
            item!["key"]!.GetValue<string>() == "name" && string.Equals(item["value"]!.GetValue<string>(), name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>How often the lag measurement reads the memory: its resolution.</summary>
    public static readonly TimeSpan LagPoll = TimeSpan.FromMilliseconds(5);

    /// <summary>200 items spread over the keys a session remembers, no key over a session's own limit of 50.</summary>
    private static IEnumerable<(string Key, string Value)> SeedItems()
    {
        yield return ("name", "Ada");
        yield return ("location", "Lisbon");
        yield return ("job", "engineer");
        foreach (var key in (string[])["likes", "pets", "facts"])
        {
            for (var i = 0; i < 50; i++)
                yield return (key, $"{key} item {Letters(i)}");
        }

        for (var i = 0; i < SeededItems - 153; i++)
            yield return ($"favorite.topic{Letters(i)}", $"value {Letters(i)}");
    }

    /// <summary><paramref name="n"/> in letters (a, b, ..., z, ba, bb...): names and topics the engine reads as words.</summary>
    private static string Letters(int n)
    {
        var text = new StringBuilder();
        do
        {
            text.Insert(0, (char)('a' + (n % 26)));
            n /= 26;
        }
        while (n > 0);
        return text.ToString();
    }

    private static string SessionOf(BenchClient client, bool memoryOn, long i)
    {
        var sessions = memoryOn ? client.MemoryOn : client.MemoryOff;
        return sessions[(int)(i / Bodies.Length % sessions.Length)];
    }

    private static async Task<string> StartSessionAsync(HttpClient http, string key, bool memoryOff)
    {
        var body = memoryOff ? JsonContent.Create(new { memory = "off" }) : JsonContent.Create(new { });
        var created = await SendAsync(http, HttpMethod.Post, key, "/api/sessions", body, HttpStatusCode.Created);
        return JsonNode.Parse(created)!["sessionId"]!.GetValue<string>();
    }

    private static async Task<JsonObject> ReadMemoryAsync(HttpClient http, string key) =>
        JsonNode.Parse(await SendAsync(http, HttpMethod.Get, key, "/api/memory", null, HttpStatusCode.OK))!.AsObject();

    private static Task PostAsync(HttpClient http, string key, string sessionId, byte[] body) =>
        SendAsync(http, HttpMethod.Post, key, $"/api/sessions/{sessionId}/messages",
            new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, HttpStatusCode.OK);

    private static async Task<string> SendAsync(HttpClient http, HttpMethod method, string key, string path, HttpContent? content, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text;
    }

    private sealed record BenchClient(string Key, string[] MemoryOn, string[] MemoryOff);
}

/// <summary>What <see cref="UserMemoryScenario"/> measured.</summary>
/// <param name="Clients">Clients (and users) of the throughput runs.</param>
/// <param name="OnRuns">The runs in sessions with memory on.</param>
/// <param name="OffRuns">The runs in temporary sessions (memory off), interleaved with <paramref name="OnRuns"/>.</param>
/// <param name="SeededItems">The memories of the user whose new sessions' first replies were timed.</param>
/// <param name="FirstReplyFull">The first reply of a new session of that user.</param>
/// <param name="FirstReplyEmpty">The first reply of a new session of a user with an empty memory.</param>
/// <param name="Lag">From a turn's reply to <c>GET /api/memory</c> listing what it taught.</param>
public sealed record UserMemoryResult(
    int Clients,
    List<LatencySummary> OnRuns,
    List<LatencySummary> OffRuns,
    int SeededItems,
    LatencySummary FirstReplyFull,
    LatencySummary FirstReplyEmpty,
    LatencySummary Lag)
{
    public double OnPerSecond => OnRuns.Average(r => r.PerSecond);

    public double OffPerSecond => OffRuns.Average(r => r.PerSecond);

    /// <summary>Memory on ÷ memory off; the goal is at least 0.9.</summary>
    public double Ratio => OnPerSecond / OffPerSecond;
}
