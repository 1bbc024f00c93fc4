using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Conversations.Bench.Infrastructure;

namespace Orleans.Conversations.Bench.Scenarios;

/// <summary>
/// Scenario 5, the read side over HTTP: listing a page of 50 for a user with 10,000 sessions, deleting a session of
/// 10,000 events, and reading the event feed while 64 clients write.
/// </summary>
public static class LifecycleScenario
{
    private const int ListedSessions = 10_000;
    private const int DeletedEvents = 10_000;
    private const int Deletions = 3;

    public static async Task<LifecycleResult> RunAsync(BenchDatabase database, string root, BenchSettings settings)
    {
        using var service = await ServiceProcesses.StartAsync(root, database.ConnectionString);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = service.Gateway, Timeout = TimeSpan.FromSeconds(60) };

        // Open mode's user, whose sessions the list shows, is given 10,000 more.
        await database.ExecuteAsync(
            """
            INSERT INTO session_list.sessions (session_id, tenant, owner, default_title, started_at, last_activity_at, message_count, version)
            SELECT gen_random_uuid(), 'default', 'local', 'session ' || n, now() - make_interval(mins => n), now() - make_interval(secs => n), 3, 9
            FROM generate_series(1, $1) AS n
            """, ListedSessions);
        var listing = await ClosedLoopLoad.RunAsync(1, settings.WarmUp, settings.Duration, async (_, _) =>
            (await http.GetAsync("/api/sessions?limit=50")).EnsureSuccessStatusCode());
        Console.WriteLine($"  list 50 of {ListedSessions:N0} sessions: p50 {listing.P50Ms:0.0} ms, p99 {listing.P99Ms:0.0} ms");

        var deletions = new List<double>();
        for (var i = 0; i < Deletions; i++)
        {
            var id = Guid.NewGuid();
            await database.FillConversationAsync("eventstore.events", $"conversation/{id:N}", DeletedEvents);
            (await http.GetAsync($"/api/sessions/{id}")).EnsureSuccessStatusCode();
            var clock = Stopwatch.StartNew();
            (await http.DeleteAsync($"/api/sessions/{id}")).EnsureSuccessStatusCode();
            deletions.Add(clock.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"  delete a session of {DeletedEvents:N0} events: {deletions.Average():0.0} ms on average, {deletions.Max():0.0} ms at most");

        var (feedPerSecond, writesPerSecond) = await MeasureFeedAsync(http, settings);
        Console.WriteLine($"  feed while 64 clients write: {feedPerSecond:N0} events/s read, {writesPerSecond:N0} messages/s written");
        return new LifecycleResult(ListedSessions, listing, DeletedEvents, deletions.Average(), deletions.Max(), feedPerSecond, writesPerSecond);
    }

    private static async Task<(double Feed, double Writes)> MeasureFeedAsync(HttpClient http, BenchSettings settings)
    {
        var sessions = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var id in sessions)
            (await http.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "hello" })).EnsureSuccessStatusCode();
        using var stop = new CancellationTokenSource();
        var read = 0L;
        var reader = Task.Run(async () =>
        {
            string? after = null;
            while (!stop.IsCancellationRequested)
            {
                var page = (await http.GetFromJsonAsync<JsonObject>("/api/events?limit=1000" + (after is null ? "" : $"&after={after}")))!;
                read += page["events"]!.AsArray().Count;
                after = page["next"]!.GetValue<string>();
            }
        });
        var clock = Stopwatch.StartNew();
        var writes = await ClosedLoopLoad.RunAsync(64, TimeSpan.Zero, settings.Duration, async (worker, i) =>
            (await http.PostAsJsonAsync($"/api/sessions/{sessions[(worker * 7919 + i * 104729) % sessions.Length]}/messages", new { text = "I like tea" })).EnsureSuccessStatusCode());
        await stop.CancelAsync();
        await reader;
        return (read / clock.Elapsed.TotalSeconds, writes.PerSecond);
    }
}

/// <summary>What <see cref="LifecycleScenario"/> measured.</summary>
public sealed record LifecycleResult(
    int ListedSessions, LatencySummary Listing, int DeletedEvents, double DeleteMeanMs, double DeleteMaxMs, double FeedEventsPerSecond, double WritesPerSecond);
