using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.Security;

/// <summary>WebSockets to a gateway's session route, as an SDK opens them: a bearer header on the upgrade.</summary>
internal static class Sockets
{
    /// <summary>Opens <c>/api/sessions/{id}/ws</c>, or answers the status that refused the upgrade.</summary>
    public static async Task<(ClientWebSocket? Socket, HttpStatusCode Status)> TryOpenAsync(
        RunningGateway gateway, Guid id, string? credential, string? origin = null)
    {
        var socket = new ClientWebSocket();
        if (credential is not null)
            socket.Options.SetRequestHeader("Authorization", $"Bearer {credential}");
        if (origin is not null)
            socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(new Uri($"ws://{gateway.Address.Authority}/api/sessions/{id}/ws"), CancellationToken.None);
            return (socket, socket.HttpStatusCode);
        }
        catch (WebSocketException)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            return (null, status);
        }
    }

    /// <summary>Opens the socket, failing the test if the upgrade is refused.</summary>
    public static async Task<ClientWebSocket> OpenAsync(RunningGateway gateway, Guid id, string? credential)
    {
        var (socket, status) = await TryOpenAsync(gateway, id, credential);
        Assert.True(socket is not null, $"the upgrade was refused with {(int)status}");
        return socket;
    }

    public static Task SendAsync(WebSocket socket, string text, string? messageId = null) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(new JsonObject { ["text"] = text, ["messageId"] = messageId ?? Guid.NewGuid().ToString() }.ToJsonString()),
            WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next frame: a JSON object, or null when the server closed the socket (see its CloseStatus).</summary>
    public static async Task<JsonObject?> ReceiveAsync(WebSocket socket, TimeSpan timeout)
    {
        var buffer = new byte[64 * 1024];
        using var cancel = new CancellationTokenSource(timeout);
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            length += result.Count;
            if (result.EndOfMessage)
                return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, length))!.AsObject();
        }
    }

    /// <summary>Frames up to and including the end of one turn.</summary>
    public static async Task<List<JsonObject>> ReceiveTurnAsync(WebSocket socket)
    {
        var frames = new List<JsonObject>();
        do
            frames.Add(await ReceiveAsync(socket, TimeSpan.FromSeconds(20)) ?? throw new InvalidOperationException($"closed: {socket.CloseStatus} {socket.CloseStatusDescription}"));
        while (frames[^1]["type"]!.GetValue<string>() is not ("turn.completed" or "turn.failed"));
        return frames;
    }
}
