using System.Net;
using System.Net.Http.Json;

namespace Orleans.Conversations.Gateway.Tests.Security;

/// <summary>
/// An open gateway serves this machine's own pages and programs only: a request naming another host (DNS rebinding)
/// is refused, and so is a write or a WebSocket from a page of another site; programs that send no Origin go on.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class OpenModeOriginTests(ServiceFixture service)
{
    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:80")]
    [InlineData("192.168.1.20:8080")]
    [InlineData("localhost.evil.example")]
    public async Task an_open_gateway_refuses_a_host_that_is_not_loopback_with_421(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
        request.Headers.Host = host;
        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Host = host;

        using var response = await service.Http.SendAsync(request);
        using var pageResponse = await service.Http.SendAsync(page);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MisdirectedRequest, "Host");
        Assert.Equal(HttpStatusCode.MisdirectedRequest, pageResponse.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LocalHost:5000")]
    [InlineData("127.0.0.1:1234")]
    [InlineData("[::1]:8080")]
    public async Task an_open_gateway_serves_a_loopback_host_with_any_port(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
        request.Headers.Host = host;

        using var response = await service.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task an_open_gateway_refuses_a_write_from_a_page_of_another_site_with_403(string method)
    {
        var id = Guid.NewGuid();
        await service.SendAsync(id, "my name is Lou");
        var before = await EventCountAsync(id);
        using var request = new HttpRequestMessage(new HttpMethod(method), method == "POST" ? $"/api/sessions/{id}/messages" : $"/api/sessions/{id}")
        {
            Content = JsonContent.Create(new { text = "I like tea", title = "renamed" }),
        };
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await service.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "Origin");
        Assert.Equal(before, await EventCountAsync(id));
        using var still = await service.Http.GetAsync($"/api/sessions/{id}");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("http://localhost.evil.example")]
    public async Task an_open_gateway_refuses_an_origin_without_a_loopback_host(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("Origin", origin);

        using var response = await service.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "Origin");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://localhost:3000")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://[::1]:8080")]
    public async Task an_open_gateway_takes_writes_from_its_own_pages_and_from_programs_without_an_origin(string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = JsonContent.Create(new { }) };
        if (origin is not null)
            request.Headers.Add("Origin", origin);

        using var response = await service.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task an_open_gateway_refuses_a_websocket_from_a_page_of_another_site_and_takes_one_from_its_own()
    {
        await using var gateway = await RunningGateway.StartAsync(service.GatewaySettings());
        var id = Guid.NewGuid();

        var (foreign, foreignStatus) = await Sockets.TryOpenAsync(gateway, id, null, origin: "https://evil.example");
        var (own, _) = await Sockets.TryOpenAsync(gateway, id, null, origin: $"http://{gateway.Address.Authority}");
        var (program, _) = await Sockets.TryOpenAsync(gateway, id, null);

        Assert.Null(foreign);
        Assert.Equal(HttpStatusCode.Forbidden, foreignStatus);
        Assert.NotNull(own);
        Assert.NotNull(program);
        own.Dispose();
        program.Dispose();
    }

    [Fact]
    public async Task a_gateway_made_open_on_a_public_address_serves_any_host_and_still_refuses_writes_of_other_sites()
    {
        await using var gateway = await RunningGateway.StartAsync(service.GatewaySettings(new Dictionary<string, string?>
        {
            ["urls"] = "http://0.0.0.0:0",
            ["Auth:Mode"] = "open",
        }));
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
        read.Headers.Host = "gateway.internal";
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = JsonContent.Create(new { }) };
        own.Headers.Host = "gateway.internal:8080";
        own.Headers.Add("Origin", "http://gateway.internal:8080");
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = JsonContent.Create(new { }) };
        foreign.Headers.Host = "gateway.internal";
        foreign.Headers.Add("Origin", "https://evil.example");

        using var readResponse = await gateway.Http.SendAsync(read);
        using var ownResponse = await gateway.Http.SendAsync(own);
        using var foreignResponse = await gateway.Http.SendAsync(foreign);

        Assert.Equal(HttpStatusCode.OK, readResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Created, ownResponse.StatusCode);
        await ProblemAssert.IsProblemAsync(foreignResponse, HttpStatusCode.Forbidden, "Origin");
    }

    [Fact]
    public async Task a_gateway_that_requires_credentials_does_not_look_at_host_or_origin()
    {
        using var client = service.Secured.ClientWith(await service.NewKeyAsync("acme", "alice"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = JsonContent.Create(new { }) };
        request.Headers.Host = "conversations.example.com";
        request.Headers.Add("Origin", "https://app.example.com");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static Task<long> EventCountAsync(Guid id) =>
        TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id));
}
