using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Orleans.Conversations.Access;
using Orleans.Conversations.Bench.Infrastructure;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Bench.Scenarios;

/// <summary>
/// Scenario 2: messages per second and latency over HTTP on loopback at rising concurrency, against the seed's design
/// and against the raw insert rate at the same concurrency.
/// </summary>
public static class EndToEndScenario
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"text":"Tell me about the weather"}""");

    public static async Task<List<EndToEndResult>> RunAsync(BenchDatabase database, string root, BenchSettings settings)
    {
        var sessions = Enumerable.Range(0, settings.Sessions).Select(_ => Guid.NewGuid().ToString()).ToArray();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };

        var results = new List<EndToEndResult>();
        await database.ClearConversationsAsync();
        using (var service = await ServiceProcesses.StartAsync(root, database.ConnectionString))
        {
            await WarmAsync(http, service.Gateway, sessions, settings);
            Console.WriteLine($"  (separate gateway quiet {(await service.WaitUntilQuietAsync(MaxSettle)).TotalSeconds:0} s after its warm-up)");
            foreach (var concurrency in settings.Concurrencies)
            {
                results.Add(await MeasureAsync(service, "ours", concurrency, settings,
                    (worker, i) => PostAsync(http, service.Gateway, SessionFor(sessions, worker, i))));
                if (concurrency != PoisonConcurrency)
                    continue;

                results.AddRange(await RunStreamedAsync(http, service.Gateway, sessions, settings, concurrency));

                // Between two plain runs they are compared with, so that a drift of the service's state over the run
                // (snapshots falling due, a growing heap) is not taken for the poison's effect.
                results.Add(await RunWithPoisonAsync(http, service, sessions, settings, PoisonPace));
                results.Add(await MeasureAsync(service, PlainAgainSystem, concurrency, settings,
                    (worker, i) => PostAsync(http, service.Gateway, SessionFor(sessions, worker, i))));
                results.Add(await RunWithPoisonAsync(http, service, sessions, settings, pace: null));
            }
        }

        await database.ClearConversationsAsync();
        using (var cohosted = await ServiceProcesses.StartCohostedAsync(root, database.ConnectionString))
        {
            await WarmAsync(http, cohosted.Gateway, sessions, settings);
            Console.WriteLine($"  (co-hosted silo quiet {(await cohosted.WaitUntilQuietAsync(MaxSettle)).TotalSeconds:0} s after its warm-up)");
            foreach (var concurrency in settings.Concurrencies)
            {
                results.Add(await MeasureAsync(cohosted, CohostedSystem, concurrency, settings,
                    (worker, i) => PostAsync(http, cohosted.Gateway, SessionFor(sessions, worker, i))));
            }
        }

        results.AddRange(await RunWithApiKeyAsync(http, database, root, sessions, settings));

        await using (var seed = await SeedDesignServer.StartAsync(database.DataSource))
        {
            await WarmAsync(http, seed.Address, sessions);
            foreach (var concurrency in settings.Concurrencies)
            {
                var summary = await ClosedLoopLoad.RunAsync(concurrency, settings.WarmUp, settings.Duration,
                    (worker, i) => PostAsync(http, seed.Address, SessionFor(sessions, worker, i)));
                results.Add(new("seed design", concurrency, summary, null));
                Console.WriteLine($"  seed design, {concurrency} clients: {summary.PerSecond:0} msg/s, p99 {summary.P99Ms:0.0} ms");
            }
        }

        foreach (var concurrency in settings.Concurrencies)
        {
            var summary = await ClosedLoopLoad.RunAsync(concurrency, settings.WarmUp, settings.Duration,
                (worker, i) => RawInsert.InsertTwoRowsAsync(database.DataSource, $"raw-{worker}-{Guid.NewGuid():N}", 0));
            results.Add(new("raw insert", concurrency, summary, null));
            Console.WriteLine($"  raw insert, {concurrency} clients: {summary.PerSecond:0} msg/s, p99 {summary.P99Ms:0.0} ms");
        }

        // pgbench opens a connection per client: the raw insert's idle ones would leave too few for 256 of them.
        database.DataSource.Clear();
        foreach (var concurrency in settings.Concurrencies)
        {
            var summary = await NaiveTransaction.RunAsync(database.ConnectionString, concurrency, settings.WarmUp, settings.Duration);
            results.Add(new(NaiveTransactionSystem, concurrency, summary, null));
            Console.WriteLine($"  {NaiveTransactionSystem}, {concurrency} clients: {summary.PerSecond:0} tx/s, p99 {summary.P99Ms:0.0} ms");
        }

        return results;
    }

    /// <summary>
    /// What authentication costs: one silo behind two gateways, one open and one requiring credentials (every request
    /// then carries an API key), loaded in turn. Rate limiting is off on the second, so only authentication differs.
    /// </summary>
    private static async Task<List<EndToEndResult>> RunWithApiKeyAsync(
        HttpClient http, BenchDatabase database, string root, string[] sessions, BenchSettings settings)
    {
        var results = new List<EndToEndResult>();
        using var service = await ServiceProcesses.StartAsync(root, database.ConnectionString, new Dictionary<string, string>(),
            new Dictionary<string, string> { ["Auth__Mode"] = "required", ["RateLimit__Enabled"] = "false" });
        var (open, keyed) = (service.Gateways[0], service.Gateways[1]);
        // The open runs started these sessions as open mode's caller; the key is that user's, so they stay its own.
        var key = (await new ApiKeyStore(database.DataSource).CreateAsync(Caller.DefaultTenant, Caller.LocalUser, false, "bench")).Key;
        await WarmAsync(http, open, sessions);
        await WarmAsync(http, keyed, sessions, key);
        foreach (var concurrency in AuthCostConcurrencies)
        {
            foreach (var (system, gateway, credential) in (List<(string, Uri, string?)>)[(OpenBesideKeySystem, open, null), (ApiKeySystem, keyed, key)])
            {
                var summary = await ClosedLoopLoad.RunAsync(concurrency, settings.WarmUp, settings.Duration,
                    (worker, i) => PostAsync(http, gateway, SessionFor(sessions, worker, i), credential));
                results.Add(new(system, concurrency, summary, null));
                Console.WriteLine($"  {system}, {concurrency} clients: {summary.PerSecond:0} msg/s, p99 {summary.P99Ms:0.0} ms");
            }
        }

        return results;
    }

    /// <summary>
    /// Runs the load against <paramref name="service"/> and measures, over the counted part only, the CPU time its silo
    /// and its other processes (the gateway) spent per message.
    /// </summary>
    private static async Task<EndToEndResult> MeasureAsync(
        ServiceProcesses service, string system, int concurrency, BenchSettings settings, Func<int, long, Task> operation)
    {
        TimeSpan siloBefore = default, allBefore = default;
        var summary = await ClosedLoopLoad.RunAsync(concurrency, settings.WarmUp, settings.Duration, operation,
            () => (siloBefore, allBefore) = (service.SiloCpuTime, service.CpuTime));
        var silo = service.SiloCpuTime - siloBefore;
        var others = service.CpuTime - allBefore - silo;
        var messages = Math.Max(1, summary.Count);
        var cpu = new CpuPerMessage(silo.TotalMicroseconds / messages, others.TotalMicroseconds / messages);
        Console.WriteLine($"  {system}, {concurrency} clients: {summary.PerSecond:0} msg/s, p99 {summary.P99Ms:0.0} ms, CPU µs/message silo {cpu.SiloMicroseconds:0} + gateway {cpu.GatewayMicroseconds:0}");
        return new(system, concurrency, summary, cpu);
    }

    /// <summary>The name of the runs against one silo that serves HTTP itself, with no gateway process.</summary>
    public const string CohostedSystem = "ours, co-hosted (HTTP in the silo)";

    /// <summary>The name of the reference runs: pgbench's naive two-row transaction, no HTTP.</summary>
    public const string NaiveTransactionSystem = "naive transaction (pgbench)";

    /// <summary>The name of the open gateway's runs in the comparison with <see cref="ApiKeySystem"/>.</summary>
    public const string OpenBesideKeySystem = "ours, open gateway beside the keyed one";

    /// <summary>
    /// The same load with <c>Accept: text/event-stream</c>: messages/s for whole streamed turns, and the time from
    /// sending a message to its first delta (reported as a second row).
    /// </summary>
    private static async Task<List<EndToEndResult>> RunStreamedAsync(HttpClient http, Uri gateway, string[] sessions, BenchSettings settings, int concurrency)
    {
        var firstDelta = new LatencyRecorder();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var summary = await ClosedLoopLoad.RunAsync(concurrency, settings.WarmUp, settings.Duration, async (worker, i) =>
        {
            var ttfd = await StreamAsync(http, gateway, SessionFor(sessions, worker, i));
            if (clock.Elapsed >= settings.WarmUp)
                firstDelta.Record(ttfd);
        });
        var ttfdSummary = firstDelta.Summarise(settings.Duration);
        Console.WriteLine($"  {StreamedSystem}, {concurrency} clients: {summary.PerSecond:0} msg/s, p99 {summary.P99Ms:0.0} ms; first delta p50 {ttfdSummary.P50Ms:0.0} ms, p99 {ttfdSummary.P99Ms:0.0} ms");
        return [new(StreamedSystem, concurrency, summary, null), new(FirstDeltaSystem, concurrency, ttfdSummary with { PerSecond = summary.PerSecond }, null)];
    }

    /// <summary>Sends a message asking for a stream, reads it to its end, and returns the time to its first delta.</summary>
    private static async Task<TimeSpan> StreamAsync(HttpClient http, Uri server, string sessionId)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, $"/api/sessions/{sessionId}/messages"))
        {
            Content = new ByteArrayContent(Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Expected a stream from session {sessionId}, got {(int)response.StatusCode}");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        TimeSpan? firstDelta = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (firstDelta is null && line == "event: message.delta")
                firstDelta = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (line == "event: turn.failed")
                throw new InvalidOperationException($"A streamed turn of session {sessionId} failed.");
        }

        return firstDelta ?? throw new InvalidOperationException($"The stream of session {sessionId} had no delta.");
    }

    /// <summary>The name of the streamed runs (whole turns).</summary>
    public const string StreamedSystem = "ours, streamed (SSE)";

    /// <summary>The name of the streamed runs' time to first delta; its latencies are that time.</summary>
    public const string FirstDeltaSystem = "ours, streamed: time to first delta";

    /// <summary>The concurrencies the cost of authentication is measured at.</summary>
    public static readonly int[] AuthCostConcurrencies = [16, 64];

    /// <summary>The name of the runs with an API key on every request, through a gateway that requires one.</summary>
    public const string ApiKeySystem = "ours + API key";

    /// <summary>
    /// 64 clients as above while one more client sends messages no store can hold (U+0000, a lone surrogate) to one
    /// session, each of which must be refused with 400: once at the pace of an ordinary client (one message every
    /// <see cref="PoisonPace"/>), the case a poisoned session must not slow the others in; once as fast as it can, a flood
    /// that only rate limiting per caller can contain.
    /// </summary>
    private static async Task<EndToEndResult> RunWithPoisonAsync(
        HttpClient http, ServiceProcesses service, string[] sessions, BenchSettings settings, TimeSpan? pace)
    {
        using var stop = new CancellationTokenSource();
        var poisoned = Guid.NewGuid().ToString();
        var refused = 0L;
        var poisoner = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await PostAsync(http, service.Gateway, poisoned, PoisonBodies[refused % 2], HttpStatusCode.BadRequest);
                refused++;
                if (pace is { } delay)
                    await Task.Delay(delay, CancellationToken.None);
            }
        });
        var result = await MeasureAsync(service, pace is null ? PoisonFloodSystem : PoisonedSystem, PoisonConcurrency, settings,
            (worker, i) => PostAsync(http, service.Gateway, SessionFor(sessions, worker, i)));
        await stop.CancelAsync();
        await poisoner;
        Console.WriteLine($"    ({refused} poisoned messages refused)");
        return result;
    }

    private const int PoisonConcurrency = 64;

    /// <summary>The longest wait for a freshly warmed service to go quiet before it is measured.</summary>
    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(30);

    /// <summary>How often the ordinary poisoning client sends: about what one of 64 clients sends at this throughput.</summary>
    public static readonly TimeSpan PoisonPace = TimeSpan.FromMilliseconds(10);

    /// <summary>The name the run with a poisoning client at an ordinary pace is reported under.</summary>
    public const string PoisonedSystem = "ours + a client sending poison";

    /// <summary>The name of the plain run repeated right after the run with a poisoning client.</summary>
    public const string PlainAgainSystem = "ours, again";

    /// <summary>The name the run with a client flooding poison is reported under.</summary>
    public const string PoisonFloodSystem = "ours + a client flooding poison";

    private static readonly byte[][] PoisonBodies =
    [
        Encoding.UTF8.GetBytes("""{"text":"hi\u0000 there"}"""),
        Encoding.UTF8.GetBytes("""{"text":"half a pair \ud800"}"""),
    ];

    /// <summary>The session a worker's i-th request goes to: spread over all of them, never the same order twice.</summary>
    private static string SessionFor(string[] sessions, int worker, long i) => sessions[(int)((worker * 7919 + i * 104729) % sessions.Length)];

    /// <summary>
    /// Warms a freshly started service: a message to every session, then <see cref="BenchSettings.ServiceWarmUp"/> of
    /// load at 64 clients, not counted.
    /// </summary>
    private static async Task WarmAsync(HttpClient http, Uri server, string[] sessions, BenchSettings settings)
    {
        await WarmAsync(http, server, sessions);
        await ClosedLoopLoad.RunAsync(64, settings.ServiceWarmUp, TimeSpan.Zero,
            (worker, i) => PostAsync(http, server, SessionFor(sessions, worker, i)));
    }

    /// <summary>One message to every session first, so every system is measured on conversations under way.</summary>
    private static Task WarmAsync(HttpClient http, Uri server, string[] sessions, string? credential = null)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < sessions.Length; i = Interlocked.Increment(ref next))
                await PostAsync(http, server, sessions[i], credential);
        })));
    }

    private static Task PostAsync(HttpClient http, Uri server, string sessionId, string? credential = null) =>
        PostAsync(http, server, sessionId, Body, HttpStatusCode.OK, credential);

    private static async Task PostAsync(HttpClient http, Uri server, string sessionId, byte[] body, HttpStatusCode expected, string? credential = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, $"/api/sessions/{sessionId}/messages"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        if (credential is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"Expected {(int)expected} from session {sessionId}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

/// <summary>One system at one concurrency; <see cref="Cpu"/> where the service's processes were measured.</summary>
public sealed record EndToEndResult(string System, int Concurrency, LatencySummary Latency, CpuPerMessage? Cpu);

/// <summary>CPU time per message of the silo process and of the gateway process (zero when the silo serves HTTP).</summary>
public sealed record CpuPerMessage(double SiloMicroseconds, double GatewayMicroseconds);
