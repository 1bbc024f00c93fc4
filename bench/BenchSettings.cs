namespace Orleans.Conversations.Bench;

/// <summary>How big a run is: quick (a minute or two) or full.</summary>
public sealed record BenchSettings(bool Full)
{
    public int AppendsPerMeasurement => Full ? 1000 : 200;

    public int[] Histories => [10, 1000, 10000];

    public int[] Concurrencies => [1, 16, 64, 256];

    public int Sessions => Full ? 10_000 : 2_000;

    public TimeSpan WarmUp => TimeSpan.FromSeconds(Full ? 3 : 1);

    public TimeSpan Duration => TimeSpan.FromSeconds(Full ? 15 : 4);

    /// <summary>Load a freshly started service gets before it is measured, so that its code is compiled for speed.</summary>
    public TimeSpan ServiceWarmUp => TimeSpan.FromSeconds(Full ? 20 : 8);

    public int[] ColdSizes => [10, 1000, 10_000, 100_000];

    public int MemorySessions => Full ? 100_000 : 20_000;
}
