using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Orleans.Conversations.HttpApi.Security;

namespace Orleans.Conversations.Gateway.Tests.Security;

[Collection(ServiceCollection.Name)]
public sealed class AuthModeTests(ServiceFixture service)
{
    [Theory]
    [InlineData(true, "http://127.0.0.1:8080")]
    [InlineData(true, "http://localhost:8080")]
    [InlineData(true, "http://[::1]:8080")]
    [InlineData(true, "http://127.0.0.1:8080", "https://[::1]:8443")]
    [InlineData(false, "http://[::]:8080")]
    [InlineData(false, "http://0.0.0.0:8080")]
    [InlineData(false, "http://10.1.2.3:8080")]
    [InlineData(false, "http://myhost:8080")]
    [InlineData(false, "http://unix:/tmp/gateway.sock")]
    [InlineData(false, "http://127.0.0.1:8080", "http://0.0.0.0:8081")]
    [InlineData(false)]
    public void only_loopback_addresses_count_as_loopback(bool loopback, params string[] addresses) =>
        Assert.Equal(loopback, ListenAddresses.AllLoopback(addresses, out _));

    [Fact]
    public async Task a_gateway_on_every_interface_requires_credentials_unless_told_otherwise_and_says_so()
    {
        await using var gateway = await RunningGateway.StartAsync(service.GatewaySettings(new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:0" }));

        using var anonymous = await gateway.Http.PostAsJsonAsync("/api/sessions", new { });
        using var health = await gateway.Http.GetAsync("/health/live");
        using var openApi = await gateway.Http.GetAsync("/openapi/v1.json");

        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains(gateway.Logs.Entries, e => e.Message.StartsWith("Auth mode required (http://0.0.0.0:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_gateway_told_to_be_open_on_every_interface_warns()
    {
        await using var gateway = await RunningGateway.StartAsync(service.GatewaySettings(new Dictionary<string, string?>
        {
            ["urls"] = "http://0.0.0.0:0",
            ["Auth:Mode"] = "open",
        }));

        using var anonymous = await gateway.Http.PostAsJsonAsync("/api/sessions", new { });

        Assert.Equal(HttpStatusCode.Created, anonymous.StatusCode);
        Assert.Contains(gateway.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Auth mode open (Auth:Mode)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_gateway_on_loopback_is_open_and_says_so()
    {
        await using var gateway = await RunningGateway.StartAsync(service.GatewaySettings());

        using var anonymous = await gateway.Http.PostAsJsonAsync("/api/sessions", new { userId = "anyone" });

        Assert.Equal(HttpStatusCode.Created, anonymous.StatusCode);
        Assert.Contains(gateway.Logs.Entries, e => e.Message.StartsWith("Auth mode open (every address is loopback)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_jwt_issuer_without_an_audience_stops_the_gateway_naming_the_setting()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningGateway.StartAsync(service.GatewaySettings(new Dictionary<string, string?>
        {
            ["Auth:Jwt:Authority"] = "https://issuer.example/",
        })));

        Assert.Contains("Auth:Jwt:Audience", failure.Message);
    }
}
