using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Failover.Tests;

/// <summary>Faults against real processes under a bounded load: a silo killed with SIGKILL, the database cut.</summary>
public sealed class ProcessFaultTests(ProcessClusterFixture service) : IClassFixture<ProcessClusterFixture>
{
    private const int Sessions = 8;
    private static readonly TimeSpan LongestAllowedRequest =
        TimeSpan.FromSeconds(ProcessClusterFixture.CallTimeoutSeconds + ProcessClusterFixture.ConfirmTimeoutSeconds);

    private readonly CarefulClient _client = new(() => service.Logs);

    [Fact]
    public async Task killing_a_silo_and_cutting_the_database_lose_nothing_acknowledged_and_never_answer_500()
    {
        var sessions = Enumerable.Range(0, Sessions).Select(_ => Guid.NewGuid()).ToList();
        var acknowledged = sessions.ToDictionary(id => id, _ => new ConcurrentBag<string>());
        using var stop = new CancellationTokenSource();
        var phase = 0;
        var load = Task.WhenAll(sessions.Select((id, s) => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var messageId = $"p{phase}-{i}";
                await _client.SendUntilAcknowledgedAsync(service.Gateways[(s + i) % 2], id, messageId, $"I like thing {i}");
                acknowledged[id].Add(messageId);
                await Task.Delay(20);
            }
        })));

        await Task.Delay(TimeSpan.FromSeconds(2));
        service.Silos[0].KillHard();
        await Task.Delay(TimeSpan.FromSeconds(8));

        phase = 1;
        service.Database.Cut();
        await Task.Delay(TimeSpan.FromSeconds(2));
        using (var ready = await service.Gateways[0].GetAsync("/health/ready"))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using (var events = await service.Gateways[1].GetAsync($"/api/sessions/{sessions[0]}/events"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, events.StatusCode);
            Assert.NotNull(events.Headers.RetryAfter);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        service.Database.Restore();
        await Task.Delay(TimeSpan.FromSeconds(6));

        stop.Cancel();
        await load.WaitAsync(TimeSpan.FromSeconds(120));

        var responses = _client.Responses.ToList();
        Assert.DoesNotContain(responses, r => (int)r.Status >= 500 && r.Status != HttpStatusCode.ServiceUnavailable);
        Assert.All(responses.Where(r => r.Status == HttpStatusCode.ServiceUnavailable), r => Assert.True(r.RetryAfter, "503 carries Retry-After"));
        Assert.Contains(responses, r => r.Status == HttpStatusCode.ServiceUnavailable);
        Assert.True(responses.Max(r => r.Took) < LongestAllowedRequest, $"the slowest request took {responses.Max(r => r.Took)}");
        foreach (var id in sessions)
        {
            Assert.True(acknowledged[id].Count > 10, $"session {id} kept conversing ({acknowledged[id].Count} messages)");
            await StreamInvariants.AssertAsync(id, [.. acknowledged[id]]);
            var views = await Task.WhenAll(service.Gateways.Select(g => g.GetStringAsync($"/api/sessions/{id}")));
            var first = JsonNode.Parse(views[0])!;
            var second = JsonNode.Parse(views[1])!;
            Assert.Equal(first["version"]!.GetValue<int>(), second["version"]!.GetValue<int>());
            Assert.Equal(acknowledged[id].Count, first["messageCount"]!.GetValue<int>());
        }
    }
}
