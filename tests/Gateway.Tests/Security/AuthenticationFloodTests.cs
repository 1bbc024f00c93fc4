using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Conversations.Access;

namespace Orleans.Conversations.Gateway.Tests.Security;

/// <summary>
/// Made-up keys cannot make the gateway read the key table without bound: failed authentications spend from a budget
/// per client address, past which the answer is 429 without a query; and made-up keys do not push valid keys out of
/// the key cache.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class AuthenticationFloodTests(ServiceFixture service)
{
    private const int MadeUpKeys = 50;

    [Fact]
    public async Task made_up_keys_past_the_budget_of_an_address_get_429_without_reading_the_key_table()
    {
        await using var gateway = await RunningGateway.StartAsync(service.SecuredSettings(new Dictionary<string, string?>
        {
            ["RateLimit:AuthFailureBurst"] = "5",
            ["RateLimit:AuthFailuresPerMinute"] = "1",
        }));
        var verifier = gateway.Services.GetRequiredService<ApiKeyVerifier>();
        var readsBefore = verifier.StoreReads;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < MadeUpKeys; i++)
        {
            using var client = gateway.ClientWith(ApiKeyFormat.NewKey(out _));
            using var response = await client.GetAsync("/api/sessions");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests);
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
            }
        }

        var reads = verifier.StoreReads - readsBefore;
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(MadeUpKeys - 5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.True(reads == 5, $"{MadeUpKeys} made-up keys read the key table {reads} times");
    }

    [Fact]
    public async Task made_up_keys_sent_at_once_cannot_overdraw_the_budget()
    {
        await using var gateway = await RunningGateway.StartAsync(service.SecuredSettings(new Dictionary<string, string?>
        {
            ["RateLimit:AuthFailureBurst"] = "5",
            ["RateLimit:AuthFailuresPerMinute"] = "1",
        }));
        var verifier = gateway.Services.GetRequiredService<ApiKeyVerifier>();
        var readsBefore = verifier.StoreReads;
        var clients = Enumerable.Range(0, MadeUpKeys).Select(i => gateway.ClientWith(ApiKeyFormat.NewKey(out var _))).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.GetAsync("/api/sessions")));

        Assert.True(verifier.StoreReads - readsBefore <= 5, $"read the key table {verifier.StoreReads - readsBefore} times");
        Assert.Equal(MadeUpKeys - 5, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        foreach (var response in responses)
            response.Dispose();
        foreach (var client in clients)
            client.Dispose();
    }

    [Fact]
    public async Task a_valid_key_goes_on_working_when_its_address_is_out_of_budget_and_gives_back_what_it_spent()
    {
        await using var gateway = await RunningGateway.StartAsync(service.SecuredSettings(new Dictionary<string, string?>
        {
            ["RateLimit:AuthFailureBurst"] = "3",
            ["RateLimit:AuthFailuresPerMinute"] = "1",
        }));
        using var valid = gateway.ClientWith(await service.NewKeyAsync("acme", "alice"));
        for (var i = 0; i < 10; i++)
        {
            using var ok = await valid.GetAsync("/api/sessions");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            using var bad = gateway.ClientWith(ApiKeyFormat.NewKey(out _));
            using var refused = await bad.GetAsync("/api/sessions");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var cached = await valid.GetAsync("/api/sessions");
        using var anonymous = await gateway.Http.GetAsync("/api/sessions");
        using var health = await gateway.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task made_up_keys_that_fill_the_key_cache_do_not_push_a_valid_key_out()
    {
        await using var gateway = await RunningGateway.StartAsync(service.SecuredSettings(new Dictionary<string, string?>
        {
            ["Auth:Keys:MaxCachedKeys"] = "4",
            ["Auth:Keys:CacheTtl"] = "00:00:04",
        }));
        var verifier = gateway.Services.GetRequiredService<ApiKeyVerifier>();
        using var valid = gateway.ClientWith(await service.NewKeyAsync("acme", "alice"));
        using (var first = await valid.GetAsync("/api/sessions"))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var readsBefore = verifier.StoreReads;

        for (var i = 0; i < 10; i++)
        {
            using var bad = gateway.ClientWith(ApiKeyFormat.NewKey(out _));
            using (await bad.GetAsync("/api/sessions"))
            {
            }
        }

        using var again = await valid.GetAsync("/api/sessions");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(10, verifier.StoreReads - readsBefore);
    }
}
