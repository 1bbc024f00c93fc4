using System.Diagnostics;
using Orleans.Conversations.Bench.Infrastructure;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Bench.Scenarios;

/// <summary>
/// Forks of a short and of a long session: two sessions written through the grain (about 100 and about 100,000 events,
/// so their snapshots are the ones the store keeps), then one fork at a time of each, at its current version and at
/// the middle of its history, each into a new session, in rounds. Run alone: <c>--only fork</c>; not in the report.
/// </summary>
public static class ForkScenario
{
    private const int ForksPerRound = 200;
    private const int Rounds = 3;

    public static async Task RunAsync(BenchDatabase database, int longEvents)
    {
        await using var silo = await InProcessSilo.StartAsync(database.ConnectionString, 100);
        var small = await SeedAsync(silo, 100);
        var large = await SeedAsync(silo, longEvents);

        for (var round = 1; round <= Rounds; round++)
        {
            Console.WriteLine($"  round {round}");
            foreach (var middle in (bool[])[false, true])
            {
                var smallLatency = await ForkAsync(small, middle);
                var largeLatency = await ForkAsync(large, middle);
                var at = middle ? "middle " : "current";
                Console.WriteLine(
                    $"    at the {at} version: {small.Version,7:N0} events p50 {smallLatency.P50Ms,6:0.00} ms p99 {smallLatency.P99Ms,6:0.00} ms | " +
                    $"{large.Version,7:N0} events p50 {largeLatency.P50Ms,6:0.00} ms p99 {largeLatency.P99Ms,6:0.00} ms | " +
                    $"ratio p50 {largeLatency.P50Ms / smallLatency.P50Ms:0.00} p99 {largeLatency.P99Ms / smallLatency.P99Ms:0.00}");
            }
        }
    }

    private static async Task<(IConversationGrain Grain, int Version)> SeedAsync(InProcessSilo silo, int events)
    {
        var session = silo.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        var seeding = Stopwatch.StartNew();
        var version = 0;
        for (var i = 0; version < events; i++)
            version = (await session.SendMessage(Caller.Local, new UserMessage($"message number {i} about nothing in particular", $"m-{i}"))).Version;
        Console.WriteLine($"  seeded a session of {version:N0} events in {seeding.Elapsed.TotalSeconds:0.0} s");
        return (session, version);
    }

    private static async Task<LatencySummary> ForkAsync((IConversationGrain Grain, int Version) parent, bool middle)
    {
        var latency = new LatencyRecorder();
        var at = middle ? parent.Version / 2 : (int?)null;
        await parent.Grain.Fork(Caller.Local, at, Guid.NewGuid());
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < ForksPerRound; i++)
            await latency.TimeAsync(() => parent.Grain.Fork(Caller.Local, at, Guid.NewGuid()));
        return latency.Summarise(timer.Elapsed);
    }
}
