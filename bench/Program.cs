using Orleans.Conversations.Bench;
using Orleans.Conversations.Bench.Infrastructure;
using Orleans.Conversations.Bench.Scenarios;

var settings = new BenchSettings(Full: args.Contains("--full"));
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore")
    ?? throw new InvalidOperationException("Set ConnectionStrings__EventStore, or run the benchmark with scripts/bench.");
var root = Path.GetFullPath(args.SkipWhile(a => a != "--root").Skip(1).FirstOrDefault() ?? ".");

await using var database = new BenchDatabase(connectionString);
await database.PrepareAsync();

Console.WriteLine("1. append path");
List<AppendResult> append;
await using (var silo = await InProcessSilo.StartAsync(connectionString, 100))
    append = await AppendPathScenario.RunAsync(database, silo, settings);
Console.WriteLine("2. end to end over HTTP");
var endToEnd = await EndToEndScenario.RunAsync(database, root, settings);
Console.WriteLine("3. cold activation");
var cold = await ColdActivationScenario.RunAsync(database, settings);
Console.WriteLine("4. memory");
var memory = await MemoryScenario.RunAsync(database, settings);
Console.WriteLine("5. read side");
var lifecycle = await LifecycleScenario.RunAsync(database, root, settings);

var report = new BenchReport(
    settings.Full ? "scripts/bench --full" : "scripts/bench",
    settings.Full ? "full" : "quick",
    DateTimeOffset.UtcNow,
    Environment.ProcessorCount,
    append,
    endToEnd,
    cold,
    memory,
    lifecycle);
await report.WriteAsync(Path.Combine(root, "docs"));
Console.WriteLine($"Wrote {Path.Combine(root, "docs", "benchmarks.md")} and benchmarks.json");
