using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Conversations.Tests;

namespace Orleans.Conversations.Gateway.Tests;

/// <summary>A gateway started before any silo of its cluster: alive at once, and saying why it cannot serve yet.</summary>
[Collection(ServiceCollection.Name)]
public sealed class GatewayBeforeClusterTests(ServiceFixture service)
{
    [Fact]
    public async Task a_gateway_without_silos_is_live_not_ready_and_answers_503_with_retry_after_at_once()
    {
        using var cancel = new CancellationTokenSource();
        var settings = service.GatewaySettings(new Dictionary<string, string?> { ["Cluster:ClusterId"] = $"no-silos-{Guid.NewGuid():N}" });
        var gateway = RunningGateway.Launch(settings, ServiceProcess.FreePort(), cancel.Token, out var started);
        try
        {
            using var http = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(10) };
            var live = await WaitUntilListeningAsync(http);
            using var ready = await http.GetAsync("/health/ready");
            using var message = await http.PostAsJsonAsync($"/api/sessions/{Guid.NewGuid()}/messages", new { text = "hello?" });
            using var streamRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{Guid.NewGuid()}/messages") { Content = JsonContent.Create(new { text = "hello?" }) };
            streamRequest.Headers.Accept.ParseAdd("text/event-stream");
            using var stream = await http.SendAsync(streamRequest);
            using var completion = await http.PostAsJsonAsync("/v1/chat/completions", new { model = "embedded", messages = new[] { new { role = "user", content = "hello?" } } });

            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.False(started.IsCompleted, "the gateway found a silo of a cluster that has none");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            await ProblemAssert.IsProblemAsync(message, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(message.Headers.RetryAfter);
            await ProblemAssert.IsProblemAsync(stream, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(stream.Headers.RetryAfter);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, completion.StatusCode);
            Assert.NotNull(JsonNode.Parse(await completion.Content.ReadAsStringAsync())!["error"]!["message"]);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!gateway.Logs.Entries.Any(e => e.Message.Contains("Cannot reach the cluster yet", StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow < deadline, "the gateway never logged why it cannot serve");
                await Task.Delay(100);
            }
        }
        finally
        {
            await cancel.CancelAsync();
            await started.ContinueWith(_ => { }, TaskScheduler.Default);
            await gateway.DisposeAsync();
        }
    }

    private static async Task<HttpResponseMessage> WaitUntilListeningAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return await http.GetAsync("/health/live");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
