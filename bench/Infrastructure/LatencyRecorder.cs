using System.Diagnostics;

namespace Orleans.Conversations.Bench.Infrastructure;

/// <summary>Collects operation latencies (thread-safe) and summarises them.</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _milliseconds = [];

    public void Record(TimeSpan elapsed)
    {
        lock (_milliseconds)
            _milliseconds.Add(elapsed.TotalMilliseconds);
    }

    public async Task<T> TimeAsync<T>(Func<Task<T>> operation)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await operation();
        Record(Stopwatch.GetElapsedTime(started));
        return result;
    }

    public LatencySummary Summarise(TimeSpan duration)
    {
        double[] sorted;
        lock (_milliseconds)
            sorted = [.. _milliseconds.Order()];
        if (sorted.Length == 0)
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        return new LatencySummary(
            sorted.Length,
            sorted.Length / duration.TotalSeconds,
            sorted.Average(),
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.95),
            Percentile(sorted, 0.99),
            sorted[^1]);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>Operations done, their rate, and latency statistics in milliseconds.</summary>
public sealed record LatencySummary(int Count, double PerSecond, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs);
