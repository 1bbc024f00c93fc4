using System.Net;
using System.Net.WebSockets;

namespace Orleans.Conversations.Gateway.Tests.Security;

/// <summary>Limits on the long-lived channels: message frames spend the caller's rate budget; sockets and feed followers per caller are capped.</summary>
[Collection(ServiceCollection.Name)]
public sealed class ConnectionLimitTests(ServiceFixture service)
{
    [Fact]
    public async Task a_message_frame_past_the_callers_rate_budget_fails_with_429_and_the_socket_stays_open()
    {
        await using var gateway = await RunningGateway.StartAsync(service.SecuredSettings(new Dictionary<string, string?>
        {
            ["RateLimit:TokensPerSecond"] = "1",
            ["RateLimit:Burst"] = "2",
        }));
        var id = Guid.NewGuid();
        using var socket = await Sockets.OpenAsync(gateway, id, await service.NewKeyAsync("acme", $"chatty-{Guid.NewGuid():N}"));
        var before = await EventCountAsync(id);

        // The upgrade spent one of two; six frames at once cannot all fit in what is left and refills.
        for (var i = 0; i < 6; i++)
            await Sockets.SendAsync(socket, $"I like tea number {i}", $"m{i}");
        var frames = new List<System.Text.Json.Nodes.JsonObject>();
        var ended = 0;
        while (ended < 6)
        {
            var frame = await Sockets.ReceiveAsync(socket, TimeSpan.FromSeconds(20)) ?? throw new InvalidOperationException("closed");
            frames.Add(frame);
            if (frame["type"]!.GetValue<string>() is "turn.completed" or "turn.failed")
                ended++;
        }

        var limited = frames.Where(f => f["type"]!.GetValue<string>() == "turn.failed" && f["status"]?.GetValue<int>() == 429).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, f => Assert.NotNull(f["messageId"]));
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.True(await EventCountAsync(id) - before < 6 * 2, "every frame reached the session");

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await Sockets.SendAsync(socket, "what do I like?", "later");
        Assert.Equal("turn.completed", (await Sockets.ReceiveTurnAsync(socket))[^1]["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_caller_past_its_websocket_cap_is_refused_the_upgrade_with_429_while_others_connect()
    {
        await using var gateway = await RunningGateway.StartAsync(service.SecuredSettings(new Dictionary<string, string?>
        {
            ["Connections:MaxWebSocketsPerCaller"] = "2",
        }));
        var key = await service.NewKeyAsync("acme", $"sockets-{Guid.NewGuid():N}");
        var other = await service.NewKeyAsync("acme", $"others-{Guid.NewGuid():N}");

        using var first = await Sockets.OpenAsync(gateway, Guid.NewGuid(), key);
        using var second = await Sockets.OpenAsync(gateway, Guid.NewGuid(), key);
        var (third, status) = await Sockets.TryOpenAsync(gateway, Guid.NewGuid(), key);
        using var othersSocket = await Sockets.OpenAsync(gateway, Guid.NewGuid(), other);

        Assert.Null(third);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);

        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        ClientWebSocket? again = null;
        for (var i = 0; i < 50 && again is null; i++)
        {
            (again, _) = await Sockets.TryOpenAsync(gateway, Guid.NewGuid(), key);
            if (again is null)
                await Task.Delay(100);
        }

        Assert.NotNull(again);
        again.Dispose();
    }

    [Fact]
    public async Task a_caller_past_its_feed_follower_cap_gets_429()
    {
        await using var gateway = await RunningGateway.StartAsync(service.SecuredSettings(new Dictionary<string, string?>
        {
            ["Connections:MaxFeedFollowersPerCaller"] = "1",
        }));
        using var admin = gateway.ClientWith(await service.NewKeyAsync($"feed-{Guid.NewGuid():N}", "root", admin: true));

        using var first = await FollowAsync(admin);
        using var second = await FollowAsync(admin);
        using var page = await admin.GetAsync("/api/events");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        // Checked before reading the body: a follow that was let through never ends.
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("Connections:MaxWebSocketsPerCaller", "0")]
    [InlineData("Connections:MaxFeedFollowersPerCaller", "-1")]
    [InlineData("Connections:SendTimeout", "00:00:00")]
    [InlineData("RateLimit:AuthFailureBurst", "0")]
    [InlineData("RateLimit:AuthFailuresPerMinute", "0")]
    public async Task a_connection_limit_out_of_range_stops_the_gateway_naming_the_setting(string setting, string value)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningGateway.StartAsync(service.SecuredSettings(new Dictionary<string, string?>
        {
            [setting] = value,
        })));

        Assert.Contains(setting.Split(':')[1], failure.Message);
    }

    private static async Task<HttpResponseMessage> FollowAsync(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static Task<long> EventCountAsync(Guid id) =>
        TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id));
}
