using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Failover.Tests;

/// <summary>A silo that serves HTTP itself (<c>Silo__ServeHttp</c>), beside a plain silo of the same cluster.</summary>
public sealed class CohostedSiloTests(CohostedClusterFixture service) : IClassFixture<CohostedClusterFixture>
{
    private const int Sessions = 16;

    private readonly CarefulClient _client = new(() => service.Logs);

    private HttpClient Http => service.Gateways.Single();

    [Fact]
    public async Task the_silo_serves_the_api_and_the_page_without_a_gateway_process()
    {
        var id = Guid.NewGuid();
        await _client.SendUntilAcknowledgedAsync(Http, id, "name", "Hi, my name is Ada");
        using var reply = await Http.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "What is my name?" });
        var answer = JsonNode.Parse(await reply.Content.ReadAsStringAsync())!;
        using var page = await Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Contains("Ada", answer["reply"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task sessions_of_a_killed_silo_answer_again_through_the_silo_serving_http_and_nothing_acknowledged_is_lost()
    {
        var sessions = Enumerable.Range(0, Sessions).Select(_ => Guid.NewGuid()).ToList();
        var acknowledged = sessions.ToDictionary(id => id, _ => new ConcurrentBag<string>());
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(sessions.Select(id => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await _client.SendUntilAcknowledgedAsync(Http, id, $"m{i}", $"I like thing {i}");
                acknowledged[id].Add($"m{i}");
                await Task.Delay(20);
            }
        })));

        await Task.Delay(TimeSpan.FromSeconds(2));
        service.Silos[0].KillHard();
        await Task.Delay(TimeSpan.FromSeconds(10));
        stop.Cancel();
        await load.WaitAsync(TimeSpan.FromSeconds(120));

        var responses = _client.Responses.ToList();
        Assert.DoesNotContain(responses, r => (int)r.Status >= 500 && r.Status != HttpStatusCode.ServiceUnavailable);
        // Calls in flight to the dead silo are failed by the serving silo's runtime and sent again, not left to time out.
        Assert.True(responses.Max(r => r.Took) < TimeSpan.FromSeconds(ProcessClusterFixture.CallTimeoutSeconds),
            $"the slowest request took {responses.Max(r => r.Took)}");
        foreach (var id in sessions)
        {
            Assert.True(acknowledged[id].Count > 10, $"session {id} kept conversing ({acknowledged[id].Count} messages)");
            await StreamInvariants.AssertAsync(id, [.. acknowledged[id]]);
            var view = JsonNode.Parse(await Http.GetStringAsync($"/api/sessions/{id}"))!;
            Assert.Equal(acknowledged[id].Count, view["messageCount"]!.GetValue<int>());
        }
    }
}
