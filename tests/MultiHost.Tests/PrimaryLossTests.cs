using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Orleans.Conversations.MultiHost.Tests;

[Collection(MultiHostCollection.Name)]
public sealed class PrimaryLossTests(MultiHostService service, ITestOutputHelper output)
{
    [Fact]
    public async Task losing_the_postgres_primary_under_load_promotes_the_standby_and_loses_no_acknowledged_message()
    {
        await service.Database.WaitForPrimaryAndSecondaryAsync(TimeSpan.FromSeconds(120));
        var load = new ConversationLoad(service.Client, sessions: 16);
        load.Start();
        await Task.Delay(TimeSpan.FromSeconds(4));

        var primary = await service.Database.PrimaryAsync();
        var standby = service.Database.Nodes.Single(n => n != primary);
        service.Database.Kill(primary);
        var killed = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        TimeSpan? promoted = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(90) && promoted is null)
        {
            if (await service.Database.AcceptsWritesAsync(standby))
                promoted = clock.Elapsed;
            else
                await Task.Delay(100);
        }

        Assert.True(promoted is not null, $"{standby.Name} was never promoted.\n{service.Database.Logs}");
        TimeSpan? firstTurn = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(120) && (firstTurn = load.FirstNewTurnAnsweredAfter(killed)) is null)
            await Task.Delay(100);
        Assert.True(firstTurn is not null, $"no turn was answered after the primary was lost.\n{service.Logs}");

        await Task.Delay(TimeSpan.FromSeconds(5));
        await load.StopAsync();
        await using var connection = await service.OpenDatabaseAsync();
        await using (var server = new Npgsql.NpgsqlCommand("SELECT host(inet_server_addr())", connection))
            Assert.Equal(standby.Address, (string?)await server.ExecuteScalarAsync());
        var audit = await HistoryAudit.ReadAsync(connection, load);
        var attempts = load.Attempts.ToList();
        var during = attempts.Where(a => a.Started >= killed && a.Started <= killed + firstTurn!.Value).ToList();
        output.WriteLine($"primary {primary.Name} ({primary.Address}) killed; {standby.Name} accepted writes {promoted!.Value.TotalSeconds:F1} s later; " +
                         $"first new turn answered {firstTurn!.Value.TotalSeconds:F1} s after the kill");
        output.WriteLine($"clients: {attempts.Count} attempts, {attempts.Count(a => a.Status == 200)} answered, " +
                         $"{attempts.Count(a => a.Status == 503)} 503, {attempts.Count(a => a.Status == 0)} without an answer " +
                         $"({during.Count} attempts started during the switch); slowest {attempts.Max(a => a.Ended - a.Started).TotalSeconds:F1} s");
        output.WriteLine($"history: {audit}");
        foreach (var anomaly in audit.Anomalies)
            output.WriteLine(anomaly);

        Assert.Empty(load.Failures);
        Assert.DoesNotContain(attempts, a => a.Status >= 500 && a.Status != (int)HttpStatusCode.ServiceUnavailable);
        Assert.All(attempts.Where(a => a.Status == 503), a => Assert.True(a.RetryAfter, "a 503 carries Retry-After"));
        Assert.True(load.FirstNewTurnAnsweredAfter(killed + firstTurn.Value + TimeSpan.FromSeconds(1)) is not null, "turns kept being answered after the switch");
        Assert.True(audit.Acknowledged >= load.Sessions.Count * 5, $"the clients kept conversing ({audit.Acknowledged} messages)");
        Assert.Equal(0, audit.Lost);
        Assert.Equal(0, audit.Doubled);
        Assert.Equal(0, audit.StreamsWithGaps);
        Assert.Equal(0, audit.RepliesAmiss);
    }
}
