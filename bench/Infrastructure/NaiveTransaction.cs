using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Orleans.Conversations.Bench.Infrastructure;

/// <summary>
/// The reference a durable message is measured against: pgbench's clients each running the naive write of a message,
/// <c>BEGIN</c>, two <c>INSERT</c>s of event rows, <c>COMMIT</c>, on the same database, with no HTTP and no .NET in the
/// way. Latencies come from pgbench's per-transaction log.
/// </summary>
public static class NaiveTransaction
{
    private const string Script =
        """
        \set s random(1, 1000000000000000000)
        BEGIN;
        INSERT INTO bench_raw_events (stream_id, version, event_type, data, batch_id) VALUES ('naive-' || :client_id || '-' || :s, 1, 'UserMessageReceived', '{"text":"Tell me about the weather","messageId":"6c1f0f4e-5a07-4bb4-9d4e-3b2f0d1d2a10"}', gen_random_uuid());
        INSERT INTO bench_raw_events (stream_id, version, event_type, data, batch_id) VALUES ('naive-' || :client_id || '-' || :s, 2, 'AssistantReplied', '{"text":"I don''t know much about the weather yet.","inReplyTo":"6c1f0f4e-5a07-4bb4-9d4e-3b2f0d1d2a10"}', gen_random_uuid());
        COMMIT;
        """;

    /// <summary>Runs <paramref name="clients"/> pgbench clients for the warm-up and the duration; only the latter is counted.</summary>
    public static async Task<LatencySummary> RunAsync(string connectionString, int clients, TimeSpan warmUp, TimeSpan duration)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var directory = Directory.CreateTempSubdirectory("naive-");
        try
        {
            var script = Path.Combine(directory.FullName, "naive.sql");
            await File.WriteAllTextAsync(script, Script);
            var start = new ProcessStartInfo(FindPgbench(),
            [
                "-h", target.Host!, "-p", target.Port.ToString(CultureInfo.InvariantCulture), "-U", target.Username!,
                "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, 2).ToString(CultureInfo.InvariantCulture),
                "-T", ((int)Math.Ceiling((warmUp + duration).TotalSeconds)).ToString(CultureInfo.InvariantCulture),
                "-f", script, "--log", $"--log-prefix={Path.Combine(directory.FullName, "tx")}", target.Database!,
            ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory.FullName,
            };
            start.Environment["PGPASSWORD"] = target.Password ?? "";
            var startedAt = DateTimeOffset.UtcNow;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {await errors}{await output}");
            return Summarise(directory.FullName, startedAt + warmUp, duration);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Reads the transaction logs (one line per transaction: client, number, latency in µs, script, epoch seconds,
    /// microseconds) and keeps the transactions that ended after the warm-up.
    /// </summary>
    private static LatencySummary Summarise(string directory, DateTimeOffset measureFrom, TimeSpan duration)
    {
        var recorder = new LatencyRecorder();
        var from = measureFrom.ToUnixTimeMilliseconds() * 1000;
        foreach (var file in Directory.EnumerateFiles(directory, "tx.*"))
        {
            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Split(' ');
                if (fields.Length < 6 || !long.TryParse(fields[2], out var latency))
                    continue;
                var endedAt = long.Parse(fields[4], CultureInfo.InvariantCulture) * 1_000_000 + long.Parse(fields[5], CultureInfo.InvariantCulture);
                if (endedAt >= from)
                    recorder.Record(TimeSpan.FromMicroseconds(latency));
            }
        }

        return recorder.Summarise(duration);
    }

    private static string FindPgbench() =>
        Directory.EnumerateDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "bin", "pgbench")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("pgbench not found under /usr/lib/postgresql/*/bin: install Debian's postgresql package (scripts/postgres.sh does).");
}
