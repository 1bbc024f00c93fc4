using System.Net;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Orleans.Conversations.MultiHost.Tests;

[Collection(MultiHostCollection.Name)]
public sealed class SiloPartitionTests(MultiHostService service, ITestOutputHelper output)
{
    private const int Dead = 6;
    private const int Active = 3;
    private const int Sessions = 36;

    // A session whose calls went through the cut-off silo waits for the gateway to drop that link (2 s) and send them
    // elsewhere; only one that lives on that silo waits for it to be declared dead. About a third of them live there.
    private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task a_silo_host_cut_off_under_load_is_declared_dead_its_sessions_move_and_nothing_acknowledged_is_lost_or_forked()
    {
        var load = new ConversationLoad(service.Client, sessions: Sessions);
        load.Start();
        await Task.Delay(TimeSpan.FromSeconds(4));

        var (victim, process) = service.Silos[2];
        var generation = (await service.MembershipAsync(victim)).Single(r => r.Status == Active).Generation;
        var cut = DateTime.UtcNow;
        service.Lab.Unplug(victim);
        var declaredDead = await WaitAsync(TimeSpan.FromSeconds(45), async () =>
            (await service.MembershipAsync(victim)).Any(r => r.Generation == generation && r.Status == Dead));
        Assert.True(declaredDead is not null, $"{victim.Name} was never declared dead.\n{service.Logs}");

        // The cut-off silo still runs and still holds its activations; the others serve its sessions meanwhile.
        var allServed = await WaitAsync(TimeSpan.FromSeconds(30), () => Task.FromResult(load.EverySessionAnsweredBetween(cut, DateTime.UtcNow)));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var plugged = DateTime.UtcNow;
        Assert.False(process.HasExited, "the cut-off silo kept running while it could reach nobody");
        Assert.True(allServed is not null, $"every session was answered by the other silos while {victim.Name} was cut off.\n{service.Logs}");
        service.Lab.Plug(victim);

        // Back on the network, it reads that it was declared dead and stops itself; its supervisor starts it again.
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"{victim.Name} kept running after learning it was declared dead.\n{process.Tail}");
        var stoppedItself = DateTime.UtcNow - plugged;
        var victimLog = process.Output;
        service.RestartSilo(victim);
        var rejoined = await WaitAsync(TimeSpan.FromSeconds(90), async () =>
            (await service.MembershipAsync(victim)).Any(r => r.Generation > generation && r.Status == Active));
        Assert.True(rejoined is not null, $"{victim.Name} never rejoined.\n{service.Logs}");

        await Task.Delay(TimeSpan.FromSeconds(4));
        await load.StopAsync();

        await using var connection = await service.OpenDatabaseAsync();
        var audit = await HistoryAudit.ReadAsync(connection, load);
        var attempts = load.Attempts.ToList();
        var storeFailures = Regex.Matches(victimLog, "Event store (append|read)[^\n]* failed").Count;
        output.WriteLine($"partition of {victim.Name} ({victim.Address}): declared dead {declaredDead!.Value.TotalSeconds:F1} s after the cut; " +
                         $"after the link returned it stopped itself in {stoppedItself.TotalSeconds:F1} s (exit code {process.ExitCode}) " +
                         $"and its restart was active {rejoined!.Value.TotalSeconds:F1} s later");
        var waits = load.Sessions.Select(id => load.LongestWaitBetween(id, cut, cut + declaredDead.Value + allServed!.Value)).Order().ToList();
        var stalled = waits.Count(w => w > Stalled);
        output.WriteLine($"{stalled} of {Sessions} sessions waited more than {Stalled.TotalSeconds:0} s for an answer after the cut; " +
                         $"waits {string.Join(", ", waits.Select(w => w.TotalSeconds.ToString("F1")))} s");
        output.WriteLine($"every session answered elsewhere within {(declaredDead.Value + allServed!.Value).TotalSeconds:F1} s of the cut");
        output.WriteLine($"cut-off silo: {storeFailures} failed event-store calls logged; {Regex.Matches(victimLog, "I have been told I am dead").Count} times it logged being told it is dead");
        output.WriteLine($"clients: {attempts.Count} attempts, {attempts.Count(a => a.Status == 200)} answered, " +
                         $"{attempts.Count(a => a.Status == 503)} 503, {attempts.Count(a => a.Status == 0)} without an answer; slowest {attempts.Max(a => a.Ended - a.Started).TotalSeconds:F1} s");
        output.WriteLine($"history: {audit}");
        foreach (var anomaly in audit.Anomalies)
            output.WriteLine(anomaly);

        Assert.Empty(load.Failures);
        Assert.True(stalled <= Sessions * 5 / 9, $"{stalled} of {Sessions} sessions stalled past {Stalled.TotalSeconds:0} s, not only those of the cut-off silo");
        Assert.DoesNotContain(attempts, a => a.Status >= 500 && a.Status != (int)HttpStatusCode.ServiceUnavailable);
        Assert.All(attempts.Where(a => a.Status == 503), a => Assert.True(a.RetryAfter, "a 503 carries Retry-After"));
        Assert.True(audit.Acknowledged >= load.Sessions.Count * 10, $"the clients kept conversing ({audit.Acknowledged} messages)");
        Assert.Equal(0, audit.Lost);
        Assert.Equal(0, audit.Doubled);
        Assert.Equal(0, audit.StreamsWithGaps);
        Assert.Equal(0, audit.RepliesAmiss);
    }

    private static async Task<TimeSpan?> WaitAsync(TimeSpan timeout, Func<Task<bool>> condition)
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < timeout)
        {
            if (await condition())
                return DateTime.UtcNow - started;
            await Task.Delay(200);
        }

        return null;
    }
}
