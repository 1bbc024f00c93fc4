using System.Globalization;
using System.Text;
using System.Text.Json;
using Orleans.Conversations.Bench.Scenarios;

namespace Orleans.Conversations.Bench;

/// <summary>Everything one run measured, written as <c>docs/benchmarks.md</c> and <c>docs/benchmarks.json</c>.</summary>
public sealed record BenchReport(
    string Command,
    string Mode,
    DateTimeOffset At,
    int Cores,
    List<AppendResult> AppendPath,
    List<EndToEndResult> EndToEnd,
    List<ColdActivationResult> ColdActivation,
    MemoryResult Memory,
    LifecycleResult Lifecycle,
    UserMemoryResult UserMemory)
{
    public async Task WriteAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "benchmarks.json"),
            JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        await File.WriteAllTextAsync(Path.Combine(directory, "benchmarks.md"), ToMarkdown());
    }

    private string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks").AppendLine();
        md.AppendLine(Invariant($"Produced by `{Command}` ({Mode} mode) on {At:yyyy-MM-dd HH:mm} UTC, {Cores} cores, PostgreSQL with default settings (fsync on). "))
          .AppendLine("Every system below was measured in the same run on the same machine; the load generator runs on it too.")
          .AppendLine("What each throughput change bought, and where the time goes, is in [throughput.md](throughput.md).").AppendLine();

        md.AppendLine("## Targets").AppendLine().AppendLine("| target | measured | met |").AppendLine("|---|---|---|");
        foreach (var (target, measured, met) in Targets())
            md.AppendLine(Invariant($"| {target} | {measured} | {(met ? "yes" : "**no**")} |"));

        md.AppendLine().AppendLine("## 1. Append path, no HTTP (2 events per append, one stream, sequential)").AppendLine()
          .AppendLine("| history | system | events/s | mean ms | p50 ms | p99 ms | vs ours |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in AppendPath)
        {
            var ours = AppendPath.Single(r => r.System == "ours" && r.History == row.History);
            md.AppendLine(Invariant($"| {row.History:N0} | {row.System} | {row.EventsPerSecond:N0} | {row.Latency.MeanMs:0.00} | {row.Latency.P50Ms:0.00} | {row.Latency.P99Ms:0.00} | {row.Latency.MeanMs / ours.Latency.MeanMs:0.00}x the time |"));
        }

        md.AppendLine().AppendLine("## 2. End to end over HTTP (POST a message, get the reply)").AppendLine()
          .AppendLine("| clients | system | messages/s | p50 ms | p95 ms | p99 ms | ours ÷ this |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in EndToEnd.OrderBy(r => r.Concurrency))
        {
            var ours = EndToEnd.Single(r => r.System == "ours" && r.Concurrency == row.Concurrency);
            md.AppendLine(Invariant($"| {row.Concurrency} | {row.System} | {row.Latency.PerSecond:N0} | {row.Latency.P50Ms:0.0} | {row.Latency.P95Ms:0.0} | {row.Latency.P99Ms:0.0} | {ours.Latency.PerSecond / row.Latency.PerSecond:0.00}x |"));
        }

        md.AppendLine().AppendLine("### Hosting layouts: where the CPU goes (counted part of each run only)").AppendLine()
          .AppendLine("| clients | layout | messages/s | p50 ms | p99 ms | silo CPU µs/message | gateway CPU µs/message | total µs/message | ÷ naive transaction |")
          .AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var row in EndToEnd.Where(r => r.System is "ours" or EndToEndScenario.CohostedSystem && r.Cpu is not null).OrderBy(r => r.Concurrency))
        {
            var naive = EndToEnd.Single(r => r.System == EndToEndScenario.NaiveTransactionSystem && r.Concurrency == row.Concurrency).Latency.PerSecond;
            md.AppendLine(Invariant($"| {row.Concurrency} | {row.System} | {row.Latency.PerSecond:N0} | {row.Latency.P50Ms:0.0} | {row.Latency.P99Ms:0.0} | {row.Cpu!.SiloMicroseconds:N0} | {row.Cpu.GatewayMicroseconds:N0} | {row.Cpu.SiloMicroseconds + row.Cpu.GatewayMicroseconds:N0} | {row.Latency.PerSecond / naive:0.00}x |"));
        }

        md.AppendLine().AppendLine("## 3. Cold activation (time to the first reply of an inactive session, median of 3)").AppendLine()
          .AppendLine("| events | with snapshots ms | without ms |").AppendLine("|---|---|---|");
        foreach (var size in ColdActivation.Select(r => r.Events).Distinct())
        {
            var on = ColdActivation.Single(r => r.Events == size && r.Snapshots).FirstReplyMs;
            var off = ColdActivation.Single(r => r.Events == size && !r.Snapshots).FirstReplyMs;
            md.AppendLine(Invariant($"| {size:N0} | {on:0.0} | {off:0.0} |"));
        }

        md.AppendLine().AppendLine("## 4. Memory").AppendLine()
          .AppendLine(Invariant($"{Memory.Sessions:N0} sessions of 10 turns active in one silo: {Memory.ManagedBytesPerSession:N0} managed bytes each "))
          .AppendLine(Invariant($"({Memory.WorkingSetBytesPerSession:N0} bytes of working set), of which about {Memory.WindowBytes:N0} are the recent-turn window itself, "))
          .AppendLine(Invariant($"leaving {Memory.BeyondWindowBytes:N0} bytes beyond it (the grain activation, its journal and the idempotency records)."));

        md.AppendLine().AppendLine("## 5. The read side over HTTP").AppendLine()
          .AppendLine("| measurement | result |").AppendLine("|---|---|")
          .AppendLine(Invariant($"| `GET /api/sessions?limit=50` for a user with {Lifecycle.ListedSessions:N0} sessions, one client | p50 {Lifecycle.Listing.P50Ms:0.0} ms, p99 {Lifecycle.Listing.P99Ms:0.0} ms |"))
          .AppendLine(Invariant($"| `DELETE /api/sessions/{{id}}` of a session of {Lifecycle.DeletedEvents:N0} events | {Lifecycle.DeleteMeanMs:0} ms on average, {Lifecycle.DeleteMaxMs:0} ms at most |"))
          .AppendLine(Invariant($"| `GET /api/events` pages of 1,000 while 64 clients write | {Lifecycle.FeedEventsPerSecond:N0} events/s read, {Lifecycle.WritesPerSecond:N0} messages/s written |"));

        md.AppendLine().AppendLine("## 6. Memory across sessions (over HTTP, an API key per user, rate limiting off)").AppendLine()
          .AppendLine(Invariant($"{UserMemory.Clients} clients, each a user of its own, say in turn \"my name is Ada\", small talk, \"I like tea\" and \"what's my name?\"; "))
          .AppendLine("memory off is the same users' temporary sessions (`POST /api/sessions {\"memory\": \"off\"}`), measured between the runs with memory on.").AppendLine()
          .AppendLine("| measurement | result |").AppendLine("|---|---|")
          .AppendLine(Invariant($"| messages/s, memory on (each run) | {string.Join(", ", UserMemory.OnRuns.Select(r => r.PerSecond.ToString("N0", CultureInfo.InvariantCulture)))}: {UserMemory.OnPerSecond:N0} on average, p99 {UserMemory.OnRuns.Max(r => r.P99Ms):0.0} ms at worst |"))
          .AppendLine(Invariant($"| messages/s, memory off (each run) | {string.Join(", ", UserMemory.OffRuns.Select(r => r.PerSecond.ToString("N0", CultureInfo.InvariantCulture)))}: {UserMemory.OffPerSecond:N0} on average, p99 {UserMemory.OffRuns.Max(r => r.P99Ms):0.0} ms at worst |"))
          .AppendLine(Invariant($"| first reply of a new session, a user with {UserMemory.SeededItems} memories | p50 {UserMemory.FirstReplyFull.P50Ms:0.0} ms, p99 {UserMemory.FirstReplyFull.P99Ms:0.0} ms ({UserMemory.FirstReplyFull.Count} sessions) |"))
          .AppendLine(Invariant($"| first reply of a new session, a user with no memories | p50 {UserMemory.FirstReplyEmpty.P50Ms:0.0} ms, p99 {UserMemory.FirstReplyEmpty.P99Ms:0.0} ms |"))
          .AppendLine(Invariant($"| memory lag: a turn's reply to `GET /api/memory` listing what it taught (polled every {UserMemoryScenario.LagPoll.TotalMilliseconds:0} ms) | p50 {UserMemory.Lag.P50Ms:0.0} ms, p99 {UserMemory.Lag.P99Ms:0.0} ms, max {UserMemory.Lag.MaxMs:0.0} ms ({UserMemory.Lag.Count} facts) |"));
        return md.ToString();
    }

    private IEnumerable<(string Target, string Measured, bool Met)> Targets()
    {
        var ours64 = EndToEnd.Single(r => r.System == "ours" && r.Concurrency == 64).Latency;
        var naive64 = EndToEnd.Single(r => r.System == EndToEndScenario.NaiveTransactionSystem && r.Concurrency == 64).Latency;
        foreach (var layout in (string[])["ours", EndToEndScenario.CohostedSystem])
        {
            var at64 = EndToEnd.Single(r => r.System == layout && r.Concurrency == 64).Latency;
            yield return (Invariant($"{layout}: messages/s at 64 clients ≥ 1.0x the naive transaction (pgbench, same run)"),
                Invariant($"{at64.PerSecond:N0} vs {naive64.PerSecond:N0}: {at64.PerSecond / naive64.PerSecond:0.00}x"), at64.PerSecond >= naive64.PerSecond);
            yield return (Invariant($"{layout}: p99 at 64 clients ≤ 25 ms"), Invariant($"{at64.P99Ms:0.0} ms (the naive transaction's own: {naive64.P99Ms:0.0} ms)"), at64.P99Ms <= 25);
        }

        var streamed64 = EndToEnd.Single(r => r.System == EndToEndScenario.StreamedSystem && r.Concurrency == 64).Latency.PerSecond;
        var firstDelta64 = EndToEnd.Single(r => r.System == EndToEndScenario.FirstDeltaSystem && r.Concurrency == 64).Latency;
        yield return ("streamed messages/s at 64 clients ≥ 0.8x the whole replies", Invariant($"{streamed64:N0} vs {ours64.PerSecond:N0}: {streamed64 / ours64.PerSecond:0.00}x, first delta p50 {firstDelta64.P50Ms:0.0} ms, p99 {firstDelta64.P99Ms:0.0} ms"), streamed64 >= 0.8 * ours64.PerSecond);
        var keyed64 = EndToEnd.Single(r => r.System == EndToEndScenario.ApiKeySystem && r.Concurrency == 64).Latency.PerSecond;
        var open64 = EndToEnd.Single(r => r.System == EndToEndScenario.OpenBesideKeySystem && r.Concurrency == 64).Latency.PerSecond;
        yield return ("messages/s at 64 clients with an API key on every request ≥ 0.9x an open gateway of the same silo",
            Invariant($"{keyed64:N0} vs {open64:N0}: {keyed64 / open64:0.00}x"), keyed64 >= 0.9 * open64);
        var poisoned64 = EndToEnd.Single(r => r.System == EndToEndScenario.PoisonedSystem).Latency.PerSecond;
        var plain64 = (ours64.PerSecond + EndToEnd.Single(r => r.System == EndToEndScenario.PlainAgainSystem).Latency.PerSecond) / 2;
        yield return ("messages/s at 64 clients with a client sending poison every 10 ms ≥ 0.9x the plain runs before and after it",
            Invariant($"{poisoned64:N0} vs {plain64:N0}: {poisoned64 / plain64:0.00}x"), poisoned64 >= 0.9 * plain64);
        var at10 = AppendPath.Single(r => r.System == "ours" && r.History == 10).Latency.MeanMs;
        var at10k = AppendPath.Single(r => r.System == "ours" && r.History == 10000).Latency.MeanMs;
        yield return ("append at history 10,000 within 1.2x of history 10", Invariant($"{at10k:0.00} vs {at10:0.00} ms: {at10k / at10:0.00}x"), at10k <= 1.2 * at10);
        var ours1k = AppendPath.Single(r => r.System == "ours" && r.History == 1000).Latency.MeanMs;
        var stock1k = AppendPath.Single(r => r.System == "LogStorage" && r.History == 1000).Latency.MeanMs;
        yield return ("LogStorage ≥ 10x slower than ours at 1,000", Invariant($"{stock1k / ours1k:0.0}x"), stock1k >= 10 * ours1k);
        var cold = ColdActivation.Single(r => r.Events == 100_000 && r.Snapshots).FirstReplyMs;
        yield return ("cold activation of 100,000 events ≤ 50 ms with snapshots", Invariant($"{cold:0.0} ms"), cold <= 50);
        yield return (Invariant($"messages/s at {UserMemory.Clients} clients with memory on ≥ 0.9x memory off"),
            Invariant($"{UserMemory.OnPerSecond:N0} vs {UserMemory.OffPerSecond:N0}: {UserMemory.Ratio:0.00}x"), UserMemory.Ratio >= 0.9);
        yield return ("memory lag from a session's commit to the user's memory: p99 ≤ 1 s", Invariant($"{UserMemory.Lag.P99Ms:0.0} ms"), UserMemory.Lag.P99Ms <= 1000);
        yield return ("≤ 4 KiB per idle active session beyond its window", Invariant($"{Memory.BeyondWindowBytes:N0} B"), Memory.BeyondWindowBytes <= 4096);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
