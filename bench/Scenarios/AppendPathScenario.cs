using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Orleans.Conversations.Bench.Infrastructure;
using Orleans.Conversations.Bench.Journal;

namespace Orleans.Conversations.Bench.Scenarios;

/// <summary>
/// Scenario 1: the cost of appending two events to a stream that already has a history, with no HTTP in the way:
/// this project's provider, Orleans' LogStorage over ADO.NET grain storage, and a raw two-row insert.
/// </summary>
public static class AppendPathScenario
{
    public static async Task<List<AppendResult>> RunAsync(BenchDatabase database, InProcessSilo silo, BenchSettings settings)
    {
        // Every system runs once unrecorded first, so that no measurement pays for start-up and compilation.
        var warmUp = settings with { Full = false };
        await MeasureRawAsync(database, 0, warmUp);
        await MeasureGrainAsync(database, silo.Grains.GetGrain<IBenchJournalGrain>(Guid.NewGuid(), typeof(EventStoreBenchGrain).FullName), 0, warmUp);
        await MeasureGrainAsync(database, silo.Grains.GetGrain<IBenchJournalGrain>(Guid.NewGuid(), typeof(LogStorageBenchGrain).FullName), 0, warmUp);

        var results = new List<AppendResult>();
        foreach (var history in settings.Histories)
        {
            // LogStorage last: it rewrites its whole log on every append, and the write-ahead log it leaves behind would
            // slow whatever ran next. A checkpoint before each measurement starts them all from a quiet database.
            results.Add(new("raw insert", history, await MeasureRawAsync(database, history, settings)));
            results.Add(new("ours", history, await MeasureGrainAsync(database, silo.Grains.GetGrain<IBenchJournalGrain>(Guid.NewGuid(), typeof(EventStoreBenchGrain).FullName), history, settings)));
            results.Add(new("LogStorage", history, await MeasureGrainAsync(database, silo.Grains.GetGrain<IBenchJournalGrain>(Guid.NewGuid(), typeof(LogStorageBenchGrain).FullName), history, settings)));
            Console.WriteLine($"  history {history}: " + string.Join(", ", results.TakeLast(3).Select(r => $"{r.System} {r.Latency.MeanMs:0.00} ms")));
        }

        return results;
    }

    private static async Task<LatencySummary> MeasureGrainAsync(BenchDatabase database, IBenchJournalGrain grain, int history, BenchSettings settings)
    {
        for (var filled = 0; filled < history; filled += 100)
            await grain.Append(Math.Min(100, history - filled));
        await database.CheckpointAsync();

        var recorder = new LatencyRecorder();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < settings.AppendsPerMeasurement; i++)
            await recorder.TimeAsync(() => grain.Append(2));
        return recorder.Summarise(clock.Elapsed);
    }

    private static async Task<LatencySummary> MeasureRawAsync(BenchDatabase database, int history, BenchSettings settings)
    {
        var stream = $"raw/{Guid.NewGuid():N}";
        await database.FillConversationAsync("bench_raw_events", stream, history);
        await database.CheckpointAsync();
        var recorder = new LatencyRecorder();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < settings.AppendsPerMeasurement; i++)
        {
            var version = history + 2 * i;
            await recorder.TimeAsync(() => RawInsert.InsertTwoRowsAsync(database.DataSource, stream, version));
        }

        return recorder.Summarise(clock.Elapsed);
    }
}

/// <summary>The naive durable limit: two rows in one transaction, one round trip, per message.</summary>
public static class RawInsert
{
    private const string Sql =
        """
        INSERT INTO bench_raw_events (stream_id, version, event_type, data, batch_id)
        VALUES ($1, $2 + 1, 'UserMessageReceived', $3::jsonb, $5), ($1, $2 + 2, 'AssistantReplied', $4::jsonb, $5)
        """;

    public static async Task<int> InsertTwoRowsAsync(NpgsqlDataSource dataSource, string stream, int afterVersion)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = afterVersion });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = """{"text":"Tell me about the weather","messageId":"m"}""", NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = """{"text":"It is sunny where the data lives.","inReplyTo":"m"}""", NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
        return await command.ExecuteNonQueryAsync();
    }
}

/// <summary>One system at one history length.</summary>
public sealed record AppendResult(string System, int History, LatencySummary Latency)
{
    public double EventsPerSecond => 2 * Latency.PerSecond;
}
