using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;

namespace Orleans.Conversations.Gateway.Tests.Security;

/// <summary>A credential revoked or expired while it holds a stream or a socket open is cut off within 5 seconds.</summary>
[Collection(ServiceCollection.Name)]
public sealed class OpenConnectionRevocationTests(ServiceFixture service)
{
    private static readonly TimeSpan Promised = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task a_feed_follower_whose_key_is_revoked_sees_its_stream_end_within_five_seconds()
    {
        var tenant = $"revoke-{Guid.NewGuid():N}";
        var issued = await service.Keys.CreateAsync(tenant, "root", true, "tests");
        using var admin = service.Secured.ClientWith(issued.Key);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var stream = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        stream.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());

        // Revoked in the table by another process: this gateway learns it only by reading the key again.
        await service.Keys.RevokeAsync(tenant, issued.Record.Id);
        var clock = Stopwatch.StartNew();
        using var patience = new CancellationTokenSource(Promised + TimeSpan.FromSeconds(5));
        string? line;
        do
            line = await ReadLineOrNullAsync(reader, patience.Token);
        while (line is not null && !patience.IsCancellationRequested);

        Assert.True(clock.Elapsed < Promised, $"the stream ended {clock.Elapsed} after the revocation (or not at all)");
    }

    [Fact]
    public async Task a_websocket_whose_key_is_revoked_is_closed_as_a_policy_violation_within_five_seconds_and_takes_no_more_frames()
    {
        var issued = await service.Keys.CreateAsync("acme", $"ws-{Guid.NewGuid():N}", false, "tests");
        var id = Guid.NewGuid();
        using var socket = await Sockets.OpenAsync(service.Secured, id, issued.Key);
        await Sockets.SendAsync(socket, "my name is Rae");
        Assert.Equal("turn.completed", (await Sockets.ReceiveTurnAsync(socket))[^1]["type"]!.GetValue<string>());
        var eventsBefore = await EventCountAsync(id);

        await service.Keys.RevokeAsync("acme", issued.Record.Id);
        var clock = Stopwatch.StartNew();
        var closing = await ReceiveUntilClosedAsync(socket, Promised + TimeSpan.FromSeconds(5));

        Assert.True(closing, "the socket was not closed");
        Assert.True(clock.Elapsed < Promised, $"the socket was closed {clock.Elapsed} after the revocation");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
        if (socket.State == WebSocketState.CloseReceived)
            await Sockets.SendAsync(socket, "I like tea");
        await Task.Delay(500);
        Assert.Equal(eventsBefore, await EventCountAsync(id));
    }

    [Fact]
    public async Task a_frame_sent_after_the_revocation_is_refused_and_the_socket_closed()
    {
        var issued = await service.Keys.CreateAsync("acme", $"ws-{Guid.NewGuid():N}", false, "tests");
        var id = Guid.NewGuid();
        using var socket = await Sockets.OpenAsync(service.Secured, id, issued.Key);
        await Sockets.SendAsync(socket, "my name is Rae");
        await Sockets.ReceiveTurnAsync(socket);
        var eventsBefore = await EventCountAsync(id);

        // This gateway revokes it, so it knows at once, and the very next frame must not reach the session.
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync("acme", "root", admin: true));
        (await admin.DeleteAsync($"/api/admin/keys/{issued.Record.Id}")).EnsureSuccessStatusCode();
        await Sockets.SendAsync(socket, "I like tea");
        var closed = await ReceiveUntilClosedAsync(socket, TimeSpan.FromSeconds(10));

        Assert.True(closed, "the socket was not closed");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
        Assert.Equal(eventsBefore, await EventCountAsync(id));
    }

    [Fact]
    public async Task a_websocket_whose_token_expires_is_closed_as_a_policy_violation()
    {
        var token = service.Issuer.Token($"ws-{Guid.NewGuid():N}", tenant: "acme", expiresIn: TimeSpan.FromSeconds(3));
        using var socket = await Sockets.OpenAsync(service.Secured, Guid.NewGuid(), token);
        var clock = Stopwatch.StartNew();

        var closed = await ReceiveUntilClosedAsync(socket, TimeSpan.FromSeconds(3) + Promised + TimeSpan.FromSeconds(5));

        Assert.True(closed, "the socket was not closed");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3) + Promised, $"closed {clock.Elapsed} after opening, for a token of 3 s");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
    }

    [Fact]
    public async Task a_feed_follower_whose_token_expires_sees_its_stream_end()
    {
        var tenant = $"expire-{Guid.NewGuid():N}";
        using var admin = service.Secured.ClientWith(service.Issuer.Token("root", tenant: tenant, admin: true, expiresIn: TimeSpan.FromSeconds(3)));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var stream = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        stream.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var clock = Stopwatch.StartNew();

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(3) + Promised + TimeSpan.FromSeconds(5));
        while (await ReadLineOrNullAsync(reader, patience.Token) is not null && !patience.IsCancellationRequested)
        {
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3) + Promised, $"the stream ended {clock.Elapsed} after opening (or not at all), for a token of 3 s");
    }

    private static async Task<string?> ReadLineOrNullAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Reads frames until the server closes the socket; false if it did not within <paramref name="patience"/>.</summary>
    private static async Task<bool> ReceiveUntilClosedAsync(WebSocket socket, TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        try
        {
            while (deadline.Elapsed < patience)
            {
                if (await Sockets.ReceiveAsync(socket, patience - deadline.Elapsed) is null)
                    return true;
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (WebSocketException)
        {
            return socket.CloseStatus is not null;
        }

        return false;
    }

    private static Task<long> EventCountAsync(Guid id) =>
        TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id));
}
