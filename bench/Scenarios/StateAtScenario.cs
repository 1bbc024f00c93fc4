using System.Diagnostics;
using Orleans.Conversations.Bench.Infrastructure;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Bench.Scenarios;

/// <summary>
/// <c>GET /state?version=N</c> on a long session: a session of about 100,000 events written through the grain (so its
/// snapshots are the ones the store keeps), then its state at several versions, each read alone from a fresh
/// activation, with the bytes allocated in this process (silo included), the peak working set above the one before the
/// read, and the time. Run alone: <c>dotnet run --project bench -c Release -- --only state-at</c>; not in the report.
/// </summary>
public static class StateAtScenario
{
    public static async Task RunAsync(BenchDatabase database, int events)
    {
        await using var silo = await InProcessSilo.StartAsync(database.ConnectionString, 100);
        var id = Guid.NewGuid();
        var session = silo.Grains.GetGrain<IConversationGrain>(id);
        var seeding = Stopwatch.StartNew();
        var version = 0;
        for (var i = 0; version < events; i++)
            version = (await session.SendMessage(Caller.Local, new UserMessage($"message number {i} about nothing in particular", $"m-{i}"))).Version;
        Console.WriteLine($"  seeded session {id}: {version:N0} events in {seeding.Elapsed.TotalSeconds:0.0} s");

        foreach (var at in (int[])[1_000, 25_000, 50_000, 75_000, 99_000])
        {
            await silo.DeactivateAllAsync();
            await session.GetSession(Caller.Local);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var baseline = process.WorkingSet64;
            var peak = baseline;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64);
                    await Task.Delay(2);
                }
            });
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var timer = Stopwatch.StartNew();
            var state = await session.GetStateAt(Caller.Local, at);
            timer.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            await sampling.CancelAsync();
            await sampler;
            Console.WriteLine(
                $"  version {at,6:N0}: {timer.Elapsed.TotalMilliseconds,8:0.0} ms, {allocated / 1048576.0,8:0.0} MiB allocated, " +
                $"working set +{(peak - baseline) / 1048576.0,6:0.0} MiB (state at {state?.Version})");
        }
    }
}
