using Orleans.Conversations.Bench;
using Orleans.Conversations.Bench.Infrastructure;
using Orleans.Conversations.Bench.Scenarios;

var settings = new BenchSettings(Full: args.Contains("--full"));
if (ValueOf("--only") == "engine")
{
    Console.WriteLine("embedded engine: processor time a message");
    await EngineCpuScenario.RunAsync(Path.GetFullPath(ValueOf("--root") ?? "."));
    return;
}

var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore")
    ?? throw new InvalidOperationException("Set ConnectionStrings__EventStore, or run the benchmark with scripts/bench.");
var root = Path.GetFullPath(ValueOf("--root") ?? ".");
var only = ValueOf("--only");
string[] scenarios = ["append", "end-to-end", "cold", "memory", "read-side", "user-memory", "state-at", "fork", "search", "embeddings", "speed"];
if (only is not null && !scenarios.Contains(only))
    throw new ArgumentException($"--only takes one of: {string.Join(", ", scenarios)}.");

await using var database = new BenchDatabase(connectionString);
await database.PrepareAsync();

List<AppendResult> append = [];
List<EndToEndResult> endToEnd = [];
List<ColdActivationResult> cold = [];
MemoryResult? memory = null;
LifecycleResult? lifecycle = null;
UserMemoryResult? userMemory = null;
if (Runs("append", "1. append path"))
{
    await using var silo = await InProcessSilo.StartAsync(connectionString, 100);
    append = await AppendPathScenario.RunAsync(database, silo, settings);
}

if (Runs("end-to-end", "2. end to end over HTTP"))
    endToEnd = await EndToEndScenario.RunAsync(database, root, settings);
if (Runs("cold", "3. cold activation"))
    cold = await ColdActivationScenario.RunAsync(database, settings);
if (Runs("memory", "4. memory"))
    memory = await MemoryScenario.RunAsync(database, settings);
if (Runs("read-side", "5. read side"))
    lifecycle = await LifecycleScenario.RunAsync(database, root, settings);
if (Runs("user-memory", "6. memory across sessions"))
    userMemory = await UserMemoryScenario.RunAsync(database, root, settings);

if (only == "state-at" && Runs("state-at", "state at a version of a 100,000-event session"))
    await StateAtScenario.RunAsync(database, int.TryParse(ValueOf("--events"), out var events) ? events : 100_000);

if (only == "fork" && Runs("fork", "forks of a 100-event and of a 100,000-event session"))
    await ForkScenario.RunAsync(database, int.TryParse(ValueOf("--events"), out var longEvents) ? longEvents : 100_000);

if (only == "search" && Runs("search", "search: latency in 1,000,000 rows, and msg/s with the index on and off"))
    await SearchScenario.RunAsync(database, root, settings);

if (only == "embeddings" && Runs("embeddings", "semantic recall: msg/s with embeddings on and off, the projection's lag and drain rate"))
    await EmbeddingsScenario.RunAsync(database, root, settings);

if (only == "speed" && Runs("speed", "speed: wrk on both layouts at 1 and 64 connections beside the naive transaction, and a restart"))
    await SpeedScenario.RunAsync(database, root, int.TryParse(ValueOf("--rounds"), out var rounds) ? rounds : 3);

if (only is not null)
{
    Console.WriteLine("One scenario only: no report written.");
    return;
}

var report = new BenchReport(
    settings.Full ? "scripts/bench --full" : "scripts/bench",
    settings.Full ? "full" : "quick",
    DateTimeOffset.UtcNow,
    Environment.ProcessorCount,
    append,
    endToEnd,
    cold,
    memory!,
    lifecycle!,
    userMemory!);
await report.WriteAsync(Path.Combine(root, "docs"));
Console.WriteLine($"Wrote {Path.Combine(root, "docs", "benchmarks.md")} and benchmarks.json");

string? ValueOf(string option) => args.SkipWhile(a => a != option).Skip(1).FirstOrDefault();

bool Runs(string scenario, string heading)
{
    if (only is not null && only != scenario)
        return false;
    Console.WriteLine(heading);
    return true;
}
