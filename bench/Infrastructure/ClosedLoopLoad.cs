using System.Diagnostics;

namespace Orleans.Conversations.Bench.Infrastructure;

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each run the operation back to back for a fixed time, after a
/// warm-up whose operations are not counted;<c>measuringStarted</c> is called when the counted part begins.
/// </summary>
public static class ClosedLoopLoad
{
    public static async Task<LatencySummary> RunAsync(int concurrency, TimeSpan warmUp, TimeSpan duration, Func<int, long, Task> operation, Action? measuringStarted = null)
    {
        var recorder = new LatencyRecorder();
        var measuring = false;
        var stopAt = DateTime.UtcNow + warmUp + duration;
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (long i = 0; DateTime.UtcNow < stopAt; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(worker, i);
                if (Volatile.Read(ref measuring))
                    recorder.Record(Stopwatch.GetElapsedTime(started));
            }
        })).ToList();

        await Task.Delay(warmUp);
        measuringStarted?.Invoke();
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(workers);
        return recorder.Summarise(clock.Elapsed);
    }
}
