using System.Net;
using System.Net.Http.Json;

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

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 4 && limited is null; i++)
        {
            var response = await greedy.PostAsJsonAsync("/api/sessions", new { });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                limited = response;
            else
                response.Dispose();
        }

        using var othersTurn = await other.PostAsJsonAsync("/api/sessions", new { });
        using var health = await greedy.GetAsync("/health/live");

        Assert.NotNull(limited);
        using (limited)
        {
            await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests);
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");
        }

        Assert.Equal(HttpStatusCode.Created, statuses[0]);
        Assert.Equal(HttpStatusCode.Created, othersTurn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
