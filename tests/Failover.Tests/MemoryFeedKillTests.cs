using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Xunit.Abstractions;

namespace Orleans.Conversations.Failover.Tests;

/// <summary>
/// Users' memories are fed from the event feed by the silos: two silo processes and a gateway, and the silo running a
/// batch of the memory projection (the one holding its lock) is killed with SIGKILL while sessions keep telling facts.
/// Every fact a session committed reaches the memory once: none lost, none twice.
/// </summary>
public sealed class MemoryFeedKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Sessions = 12;
    private readonly List<ServiceProcess> _silos = [];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private ServiceProcess _gateway = null!;
    private HttpClient _http = null!;
    private string _connectionString = null!;

    private string Logs => string.Join("\n", _silos.Append(_gateway).Select(p => $"--- {p.Name} ---\n{p.Tail}"));

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.GetConnectionStringAsync();
        var cluster = new Dictionary<string, string>
        {
            ["Cluster__ClusterId"] = $"memory-kill-{_run}",
            ["Cluster__ServiceId"] = $"memory-kill-{_run}",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Conversations__ConfirmTimeout"] = "00:00:03",
        };
        for (var i = 0; i < 2; i++)
        {
            _silos.Add(ServiceProcess.Start($"silo {i}", "Silo", new Dictionary<string, string>(cluster)
            {
                // The name shows in pg_stat_activity, which tells the silo that holds the projection's lock.
                ["ConnectionStrings__EventStore"] = new NpgsqlConnectionStringBuilder(_connectionString) { ApplicationName = $"memory-kill-{_run}-{i}" }.ConnectionString,
                ["Silo__SiloPort"] = Port(),
                ["Silo__GatewayPort"] = Port(),
                ["Membership__ProbeTimeout"] = "00:00:01",
                ["Membership__NumMissedProbesLimit"] = "2",
                ["Membership__NumVotesForDeathDeclaration"] = "1",
                ["Membership__TableRefreshTimeout"] = "00:00:01",
                ["Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
            }));
        }

        var url = $"http://127.0.0.1:{Port()}";
        _gateway = ServiceProcess.Start("gateway", "Gateway", new Dictionary<string, string>(cluster)
        {
            ["ConnectionStrings__EventStore"] = _connectionString,
            ["ASPNETCORE_URLS"] = url,
            ["Gateway__CallTimeout"] = "00:00:09",
            ["Gateway__RetryAfterSeconds"] = "1",
        });
        _http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilReadyAsync();
    }

    [Fact]
    public async Task a_silo_killed_in_the_middle_of_a_memory_batch_loses_no_fact_and_delivers_none_twice()
    {
        var client = new CarefulClient(() => Logs);
        var told = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, Sessions).Select(s => Task.Run(async () =>
        {
            var session = Guid.NewGuid();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var fact = $"thing {_run}-{s}-{i}";
                await client.SendUntilAcknowledgedAsync(_http, session, $"{s}-{i}", $"I like {fact}");
                told.Add(fact);
                await Task.Delay(10);
            }
        })));

        await Task.Delay(TimeSpan.FromSeconds(3));
        var victim = await HolderOfTheProjectionLockAsync(TimeSpan.FromSeconds(20));
        _silos[victim].KillHard();
        var killedAfter = told.Count;
        await Task.Delay(TimeSpan.FromSeconds(8));
        stop.Cancel();
        await load.WaitAsync(TimeSpan.FromSeconds(120));

        var facts = told.ToHashSet();
        var clock = Stopwatch.StartNew();
        Dictionary<string, long> remembered;
        while ((remembered = await RememberedAsync()).Count < facts.Count && clock.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(100);

        output.WriteLine($"silo {victim} killed while holding the projection lock, after {killedAfter} of {facts.Count} facts");
        Assert.True(facts.SetEquals(remembered.Keys), $"missing: {string.Join(", ", facts.Except(remembered.Keys).Take(10))}\n{Logs}");
        Assert.DoesNotContain(remembered, r => r.Value != 1);
        await ReportLagAsync();
    }

    /// <summary>Per fact of this run, how many times the memory remembered it.</summary>
    private async Task<Dictionary<string, long>> RememberedAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT data->>'value', count(*) FROM eventstore.events
            WHERE stream_id = $1 AND event_type = 'MemoryItemRemembered' AND data->>'value' LIKE $2
            GROUP BY 1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = "usermemory/7:default/local" });
        command.Parameters.Add(new NpgsqlParameter { Value = $"thing {_run}-%" });
        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>The memory lag, from a session's commit of a fact to the memory's commit of it, over this run's facts.</summary>
    private async Task ReportLagAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY lag), percentile_cont(0.99) WITHIN GROUP (ORDER BY lag), max(lag)
            FROM (SELECT extract(epoch FROM m.recorded_at - s.recorded_at) * 1000 AS lag
                  FROM eventstore.events m
                  JOIN eventstore.events s
                    ON s.stream_id = 'conversation/' || replace(m.data->'source'->>'sessionId', '-', '')
                   AND s.version = (m.data->'source'->>'version')::int
                  WHERE m.stream_id = $1 AND m.event_type = 'MemoryItemRemembered' AND m.data->>'value' LIKE $2) lags
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = "usermemory/7:default/local" });
        command.Parameters.Add(new NpgsqlParameter { Value = $"thing {_run}-%" });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory lag over {reader.GetInt64(0)} facts (the kill included): p50 {reader.GetDouble(1):0} ms, p99 {reader.GetDouble(2):0} ms, max {reader.GetDouble(3):0} ms"));
    }

    /// <summary>The silo whose connection holds the memory projection's advisory lock: the one inside a batch.</summary>
    private async Task<int> HolderOfTheProjectionLockAsync(TimeSpan within)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            WITH k AS (SELECT hashtextextended('memory.projection', 0) AS key)
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid, k
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND a.application_name LIKE $1
              AND l.classid::bigint = ((k.key >> 32) & 4294967295) AND l.objid::bigint = (k.key & 4294967295)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"memory-kill-{_run}-%" });
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (await command.ExecuteScalarAsync() is string name)
                return int.Parse(name[^1..], CultureInfo.InvariantCulture);
            await Task.Delay(1);
        }

        throw new TimeoutException($"no silo was seen holding the memory projection's lock.\n{Logs}");
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !_silos.Append(_gateway).Any(p => p.HasExited))
        {
            try
            {
                using var response = await _http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException($"the gateway never became ready.\n{Logs}");
    }

    private static string Port() => ServiceProcess.FreePort().ToString(CultureInfo.InvariantCulture);

    public Task DisposeAsync()
    {
        _http.Dispose();
        foreach (var process in _silos.Append(_gateway))
            process.Dispose();
        return Task.CompletedTask;
    }
}
