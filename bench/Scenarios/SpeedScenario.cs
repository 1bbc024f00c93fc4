using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Orleans.Conversations.Bench.Infrastructure;

namespace Orleans.Conversations.Bench.Scenarios;

/// <summary>
/// Issue 27's measurement: wrk against the service as users run it (a silo and a gateway process, and one silo serving
/// HTTP itself), at one and at 64 connections over 10,000 sessions, side by side with pgbench's naive transaction on
/// the same database, in several rounds so that every figure comes with its spread; the CPU time of the service's
/// processes per message over the counted window; and how soon a restarted service reaches its steady rate. Each layout
/// starts from an empty store, gets one message in every session, then 15 s of load before it is measured.
/// </summary>
public static partial class SpeedScenario
{
    private const int Sessions = 10_000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Counted = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Ramp = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(BenchDatabase database, string root, int rounds)
    {
        Console.WriteLine($"  fsync: {await FsyncAsync(root)}");
        Console.WriteLine($"  load before: {File.ReadAllText("/proc/loadavg").Trim()}");
        var rows = new List<SpeedRow>();
        for (var round = 1; round <= rounds; round++)
        {
            rows.AddRange(await MeasureLayoutAsync(database, round, "separate gateway", () => ServiceProcesses.StartAsync(root, database.ConnectionString)));
            rows.AddRange(await MeasureLayoutAsync(database, round, "co-hosted", () => ServiceProcesses.StartCohostedAsync(root, database.ConnectionString)));
            rows.Add(await RestartRampAsync(database, root, round, rows[^1].PerSecond));
            database.DataSource.Clear();
            await database.ExecuteAsync("TRUNCATE bench_raw_events");
            foreach (var clients in (int[])[1, 64])
            {
                var naive = await NaiveTransaction.RunAsync(database.ConnectionString, clients, TimeSpan.FromSeconds(5), Counted);
                rows.Add(Print(new SpeedRow(round, "naive transaction", clients, naive.PerSecond, naive.P50Ms, naive.P99Ms, null, null)));
            }

            Console.WriteLine($"  load after round {round}: {File.ReadAllText("/proc/loadavg").Trim()}");
        }

        Summarise(rows);
    }

    private static async Task<List<SpeedRow>> MeasureLayoutAsync(BenchDatabase database, int round, string layout, Func<Task<ServiceProcesses>> start)
    {
        await database.ClearConversationsAsync();
        using var service = await start();
        await StartEverySessionAsync(service.Gateway);
        await WrkLoad.RunAsync(service.Gateway, 64, WarmUp, Sessions);
        await service.WaitUntilQuietAsync(MaxSettle);
        var rows = new List<SpeedRow>();
        foreach (var clients in (int[])[1, 64])
        {
            var cpuBefore = service.CpuTime;
            var result = await WrkLoad.RunAsync(service.Gateway, clients, Counted, Sessions);
            var cpu = (service.CpuTime - cpuBefore).TotalMicroseconds / Math.Max(1, result.Requests);
            rows.Add(Print(new SpeedRow(round, layout, clients, result.PerSecondRate, result.P50Ms, result.P99Ms, cpu, null, result.Failures)));
        }

        return rows;
    }

    /// <summary>One message to every session, 64 at a time, so that every run is measured on conversations under way.</summary>
    private static async Task StartEverySessionAsync(Uri server)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Sessions; i = Interlocked.Increment(ref next))
            {
                using var response = await http.PostAsync($"/api/sessions/{WrkLoad.SessionId(i)}/messages",
                    new StringContent("""{"text":"Hello"}""", System.Text.Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
            }
        })));
    }

    /// <summary>
    /// Starts the co-hosted service again on the store its last run left (10,000 sessions under way; the process was
    /// killed) and loads it at once: the rate in each of the first seconds after it reported ready, against
    /// <paramref name="steady"/>.
    /// </summary>
    private static async Task<SpeedRow> RestartRampAsync(BenchDatabase database, string root, int round, double steady)
    {
        await database.CheckpointAsync();
        var clock = Stopwatch.StartNew();
        using var service = await ServiceProcesses.StartCohostedAsync(root, database.ConnectionString);
        var ready = clock.Elapsed;
        var result = await WrkLoad.RunAsync(service.Gateway, 64, Ramp, Sessions);
        var seconds = result.PerSecond[..^1];
        var firstTen = seconds.Take(10).DefaultIfEmpty().Average();
        var reached = Array.FindIndex(seconds, s => s >= 0.8 * steady);
        Console.WriteLine($"  round {round}, restart: ready after {ready.TotalSeconds:0.0} s; msg/s each second: {string.Join(" ", seconds)}");
        return Print(new SpeedRow(round, "co-hosted, first 10 s after a restart", 64, firstTen, result.P50Ms, result.P99Ms, null,
            reached < 0 ? null : reached + 1, result.Failures));
    }

    private static SpeedRow Print(SpeedRow row)
    {
        Console.WriteLine(
            $"  round {row.Round}, {row.System}, {row.Clients} clients: {row.PerSecond:0} msg/s, p50 {row.P50Ms:0.00} ms, p99 {row.P99Ms:0.00} ms" +
            (row.CpuMicroseconds is { } cpu ? $", CPU {cpu:0} µs/message" : "") +
            (row.SecondsTo80Percent is { } s ? $", 80% of steady in second {s}" : "") +
            (row.Failures > 0 ? $", {row.Failures} FAILED" : ""));
        return row;
    }

    private static void Summarise(List<SpeedRow> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| system | clients | msg/s (min–max) | p50 ms | p99 ms | CPU µs/msg | ÷ naive msg/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => (r.System, r.Clients)))
        {
            var ratios = group.Select(r => r.PerSecond / rows.First(n => n.Round == r.Round && n.System == "naive transaction" && n.Clients == r.Clients).PerSecond);
            Console.WriteLine(
                $"| {group.Key.System} | {group.Key.Clients} | {Spread(group.Select(r => r.PerSecond), "0")} | {Spread(group.Select(r => r.P50Ms), "0.00")} " +
                $"| {Spread(group.Select(r => r.P99Ms), "0.0")} | {Spread(group.Where(r => r.CpuMicroseconds is not null).Select(r => r.CpuMicroseconds!.Value), "0")} " +
                $"| {Spread(ratios, "0.00")} |");
        }
    }

    private static string Spread(IEnumerable<double> values, string format)
    {
        var list = values.ToList();
        if (list.Count == 0)
            return "";
        var (min, max) = (list.Min(), list.Max());
        return min.ToString(format, CultureInfo.InvariantCulture) == max.ToString(format, CultureInfo.InvariantCulture)
            ? min.ToString(format, CultureInfo.InvariantCulture)
            : $"{min.ToString(format, CultureInfo.InvariantCulture)}–{max.ToString(format, CultureInfo.InvariantCulture)}";
    }

    /// <summary>pg_test_fsync's fdatasync figure (PostgreSQL's default wal_sync_method on Linux), on the disk of the checkout, which holds scripts/postgres.sh's cluster.</summary>
    private static async Task<string> FsyncAsync(string root)
    {
        var binary = Directory.EnumerateDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "bin", "pg_test_fsync")).FirstOrDefault(File.Exists);
        if (binary is null)
            return "pg_test_fsync not found";
        var file = Path.Combine(root, $".fsync-{Guid.NewGuid():N}");
        try
        {
            using var process = Process.Start(new ProcessStartInfo(binary, ["-s", "2", "-f", file]) { RedirectStandardOutput = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return FdatasyncLine().Match(output) is { Success: true } match ? $"{match.Groups[1].Value} µs per fdatasync (one 8 kB write)" : output;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"fdatasync\s+[\d.,]+ ops/sec\s+([\d.,]+) usecs/op")]
    private static partial Regex FdatasyncLine();
}

/// <summary>One system at one concurrency in one round; CPU only where the service's processes were measured.</summary>
public sealed record SpeedRow(
    int Round, string System, int Clients, double PerSecond, double P50Ms, double P99Ms, double? CpuMicroseconds, int? SecondsTo80Percent, long Failures = 0);
