using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Api;

/// <summary>Writes a turn's events to a WebSocket as JSON text frames: <c>{"type": ..., ...the event's fields}</c>.</summary>
internal sealed class WebSocketSender(WebSocket socket, JsonSerializerOptions json)
{
    public Task EventAsync(string type, object data)
    {
        var frame = JsonSerializer.SerializeToNode(data, data.GetType(), json)!.AsObject();
        frame.Insert(0, "type", type);
        return SendAsync(frame);
    }

    public Task FailedAsync(string detail, int status, string? messageId)
    {
        var frame = new JsonObject
        {
            ["type"] = TurnEventStream.Failed,
            ["title"] = status == StatusCodes.Status400BadRequest ? "Invalid frame" : "Turn failed",
            ["status"] = status,
            ["detail"] = detail,
        };
        if (messageId is not null)
            frame["messageId"] = messageId;
        return SendAsync(frame);
    }

    private Task SendAsync(JsonObject frame) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame, json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
}
