using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Xunit.Abstractions;

namespace Orleans.Conversations.Failover.Tests;

/// <summary>
/// <c>scripts/run --silos 3</c> as a user runs it, under load from several clients, with one silo killed by SIGKILL: the
/// runner restarts it, and the gateway answers every request, none slowly, losing and doubling nothing. Each client
/// sends to its sessions in turn, so how soon a session is next answered depends on the client; each message's
/// wait, from its first sending to its acknowledgement, does not.
/// </summary>
public sealed class SupervisedRunTests(ITestOutputHelper output)
{
    private const int Clients = 8;
    private const int SessionsPerClient = 3;
    private static readonly TimeSpan LongestAllowedRequest = TimeSpan.FromSeconds(10);

    private readonly ConcurrentBag<Sent> _sent = [];
    private readonly ConcurrentBag<AcknowledgedMessage> _acknowledged = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task a_silo_killed_under_load_is_restarted_and_every_client_gets_its_reply_in_seconds()
    {
        var clusterId = $"run-{Guid.NewGuid():N}";
        await using var run = ScriptRun.Start("--silos 3 --no-build", new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = await TestDatabase.GetConnectionStringAsync(),
            ["Cluster__ClusterId"] = clusterId,
        });
        await run.WaitForOutputAsync("is running with 3 silo(s)", TimeSpan.FromSeconds(150));
        using var http = new HttpClient { BaseAddress = run.Gateway, Timeout = TimeSpan.FromSeconds(30) };

        // Sessions are placed at random over the active silos: with all three up, the one killed hosts some of them.
        await WaitUntilThreeActiveSilosAsync(http, clusterId, run, generationBefore: 0);

        var sessions = Enumerable.Range(0, Clients * SessionsPerClient).Select(_ => Guid.NewGuid()).ToList();
        var acknowledged = sessions.ToDictionary(id => id, _ => new ConcurrentBag<string>());
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var session = sessions[client + (Clients * (i % SessionsPerClient))];
                var messageId = $"c{client}-{i}";
                await SendUntilAcknowledgedAsync(http, session, messageId, $"I like thing {i}", run);
                acknowledged[session].Add(messageId);
            }
        })));

        await Task.Delay(TimeSpan.FromSeconds(3));
        var victim = run.PidOf("silo-1") ?? throw new InvalidOperationException($"scripts/run wrote no pid for silo-1.\n{run.Diagnostics}");
        var generationBefore = await ActiveGenerationAsync(clusterId, run.SiloPort + 1);
        Process.GetProcessById(victim).Kill();
        var killedAt = _clock.Elapsed;

        await run.WaitForOutputAsync("was killed by SIGKILL", TimeSpan.FromSeconds(10));
        Assert.Contains($"silo-1 (pid {victim}, ", run.Output.Split('\n').Single(line => line.Contains("was killed by SIGKILL", StringComparison.Ordinal)));
        await run.WaitForOutputAsync(") restarted", TimeSpan.FromSeconds(30));
        var restartedAt = _clock.Elapsed;
        var rejoinedAt = await WaitUntilThreeActiveSilosAsync(http, clusterId, run, generationBefore);
        var restartedLog = await File.ReadAllTextAsync(Path.Combine(run.StateDirectory, "logs", "silo-1.log"));
        var engineReady = restartedLog.LastIndexOf("Embedded engine ready", StringComparison.Ordinal);
        Assert.True(engineReady >= 0 && engineReady < restartedLog.LastIndexOf("-BecomeActive", StringComparison.Ordinal),
            $"the restarted silo became active, and took sessions, before its engine was warm\n{run.Diagnostics}");
        var carryOn = _clock.Elapsed + TimeSpan.FromSeconds(20);
        while (_clock.Elapsed < carryOn && !sessions.All(id => _sent.Any(s => s.Session == id && s.Status == HttpStatusCode.OK && s.Start > rejoinedAt)))
            await Task.Delay(250);
        stop.Cancel();
        await load.WaitAsync(TimeSpan.FromSeconds(60));

        var sent = _sent.ToList();
        var longest = sent.MaxBy(s => s.Took)!;
        var slowestMessage = _acknowledged.MaxBy(m => m.Took)!;
        output.WriteLine($"{sent.Count} requests; the kill came {killedAt:mm\\:ss\\.f} in");
        output.WriteLine($"the slowest request took {longest.Took.TotalSeconds:0.0} s; the slowest message was acknowledged {slowestMessage.Took.TotalSeconds:0.0} s after it was first sent");
        output.WriteLine($"the runner restarted the silo after {(restartedAt - killedAt).TotalSeconds:0.0} s; 3 active silos again after {(rejoinedAt - killedAt).TotalSeconds:0.0} s");

        if (sent.FirstOrDefault(s => s.Status != HttpStatusCode.OK) is { } failed)
            Assert.Fail($"{sent.Count(s => s.Status != HttpStatusCode.OK)} request(s) failed, first {failed.Start} after start: {failed.Status} {failed.Error}\n{run.Diagnostics}");
        Assert.True(longest.Took < LongestAllowedRequest, $"the slowest request took {longest.Took} (sent {longest.Start} after start)\n{run.Diagnostics}");
        Assert.True(slowestMessage.Took < LongestAllowedRequest,
            $"message {slowestMessage.MessageId} was acknowledged {slowestMessage.Took} after it was first sent ({slowestMessage.FirstSent - killedAt} from the kill)\n{run.Diagnostics}");
        Assert.Single(Occurrences(run.Output, ") restarted"));
        foreach (var id in sessions)
        {
            Assert.Contains(sent, s => s.Session == id && s.Status == HttpStatusCode.OK && s.Start > rejoinedAt);
            await StreamInvariants.AssertAsync(id, [.. acknowledged[id]]);
            Assert.Equal(acknowledged[id].Count, await TestDatabase.ScalarAsync<long>(
                "SELECT count(*) FROM eventstore.events WHERE stream_id = $1 AND event_type = 'UserMessageReceived'", TestDatabase.StreamOf(id)));
        }

        var pids = run.Pids();
        Assert.Equal(4, pids.Count);
        Assert.True(await run.StopAsync(TimeSpan.FromSeconds(60)), $"SIGTERM stopped the runner and everything it started\n{run.Diagnostics}");
        Assert.Contains("run: stopped.", run.Output);
        Assert.DoesNotContain(pids, ScriptRun.IsRunning);
    }

    /// <summary>A careful client: sends again with the same message id after anything but 200 (none should come).</summary>
    private async Task SendUntilAcknowledgedAsync(HttpClient http, Guid session, string messageId, string text, ScriptRun run)
    {
        var firstSent = _clock.Elapsed;
        for (var attempt = 1; ; attempt++)
        {
            var start = _clock.Elapsed;
            HttpStatusCode? status = null;
            string? error = null;
            try
            {
                using var response = await http.PostAsJsonAsync($"/api/sessions/{session}/messages", new { text, messageId });
                status = response.StatusCode;
                if (!response.IsSuccessStatusCode)
                    error = await response.Content.ReadAsStringAsync();
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                error = exception.Message;
            }

            _sent.Add(new Sent(session, start, _clock.Elapsed, status, error));
            if (status == HttpStatusCode.OK)
            {
                _acknowledged.Add(new AcknowledgedMessage(messageId, firstSent, _clock.Elapsed));
                return;
            }
            if (attempt == 20)
                throw new InvalidOperationException($"message {messageId} of {session} was never acknowledged: {error}\n{run.Diagnostics}");
            await Task.Delay(250);
        }
    }

    /// <summary>Waits until the membership table and the gateway see three active silos, one on silo 1's port newer than <paramref name="generationBefore"/>.</summary>
    private async Task<TimeSpan> WaitUntilThreeActiveSilosAsync(HttpClient http, string clusterId, ScriptRun run, int generationBefore)
    {
        var deadline = _clock.Elapsed + TimeSpan.FromSeconds(60);
        while (_clock.Elapsed < deadline)
        {
            var active = await TestDatabase.ScalarAsync<long>(
                "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = $1 AND status = 3", clusterId);
            if (active == 3 && await ActiveGenerationAsync(clusterId, run.SiloPort + 1) != generationBefore)
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                    return _clock.Elapsed;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The cluster never had three active silos again.\n{run.Diagnostics}");
    }

    private static async Task<int> ActiveGenerationAsync(string clusterId, int port)
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.GetConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(max(generation), 0) FROM orleansmembershiptable WHERE deploymentid = $1 AND port = $2 AND status = 3", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        command.Parameters.Add(new NpgsqlParameter { Value = port });
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static IEnumerable<int> Occurrences(string text, string part)
    {
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
            yield return at;
    }

    private sealed record AcknowledgedMessage(string MessageId, TimeSpan FirstSent, TimeSpan At)
    {
        public TimeSpan Took => At - FirstSent;
    }

    private sealed record Sent(Guid Session, TimeSpan Start, TimeSpan End, HttpStatusCode? Status, string? Error)
    {
        public TimeSpan Took => End - Start;
    }
}
