using System.Net;
using System.Net.Http.Json;
using Orleans.Conversations.HttpApi.Security;

namespace Orleans.Conversations.Gateway.Tests.Security;

[Collection(ServiceCollection.Name)]
public sealed class RateLimitTests(ServiceFixture service)
{
    [Fact]
    public async Task a_caller_past_its_limit_gets_429_with_retry_after_while_other_callers_go_on()
    {
        await using var gateway = await RunningGateway.StartAsync(service.SecuredSettings(new Dictionary<string, string?>
        {
            ["RateLimit:TokensPerSecond"] = "1",
            ["RateLimit:Burst"] = "2",
        }));
        using var greedy = gateway.ClientWith(await service.NewKeyAsync("acme", "greedy"));
        using var other = gateway.ClientWith(await service.NewKeyAsync("acme", "patient"));

        // At once, so that however slow each request is, the bucket cannot refill between them.
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => greedy.PostAsJsonAsync("/api/sessions", new { })));
        using var othersTurn = await other.PostAsJsonAsync("/api/sessions", new { });
        using var health = await greedy.GetAsync("/health/live");

        try
        {
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
            var limited = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            Assert.NotNull(limited);
            await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests);
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");
        }
        finally
        {
            foreach (var response in responses)
                response.Dispose();
        }

        Assert.Equal(HttpStatusCode.Created, othersTurn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task an_explicit_limit_applies_in_open_mode_to_clients_on_this_machine_too()
    {
        await using var gateway = await RunningGateway.StartAsync(service.GatewaySettings(new Dictionary<string, string?>
        {
            ["RateLimit:TokensPerSecond"] = "1",
            ["RateLimit:Burst"] = "1",
        }));

        var responses = await Task.WhenAll(gateway.Http.PostAsJsonAsync("/api/sessions", new { }), gateway.Http.PostAsJsonAsync("/api/sessions", new { }));
        using var first = responses.MinBy(r => r.StatusCode)!;
        using var second = responses.MaxBy(r => r.StatusCode)!;

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task by_default_clients_on_this_machine_are_not_limited_in_open_mode()
    {
        var id = Guid.NewGuid();
        var past = RateLimitOptions.DefaultBurst + 100;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < past; i++)
        {
            using var response = await service.Http.GetAsync($"/api/sessions/{id}");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NotFound, status));
    }
}
