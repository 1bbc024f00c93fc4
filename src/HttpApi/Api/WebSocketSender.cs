using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// Writes a turn's events to a WebSocket as JSON text frames: <c>{"type": ..., ...the event's fields}</c>, one send at
/// a time. A send that takes longer than its timeout (a client that does not read) aborts the socket.
/// </summary>
internal sealed class WebSocketSender(WebSocket socket, JsonSerializerOptions json, TimeSpan sendTimeout) : IDisposable
{
    private readonly SemaphoreSlim _sending = new(1, 1);

    public Task EventAsync(string type, object data)
    {
        var frame = JsonSerializer.SerializeToNode(data, data.GetType(), json)!.AsObject();
        frame.Insert(0, "type", type);
        return SendAsync(frame);
    }

    /// <summary>Sends a <c>turn.failed</c> frame: the problem's fields, as SSE and JSON answers carry them.</summary>
    public Task FailedAsync(FailureProblem failure, string? messageId) =>
        EventAsync(TurnEventStream.Failed, failure.ToProblemDetails(messageId));

    /// <summary>Sends the close frame <paramref name="status"/>, after any send under way; nothing if the socket is no longer open.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        await _sending.WaitAsync();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(sendTimeout);
                await socket.CloseOutputAsync(status, description, timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
        finally
        {
            _sending.Release();
        }
    }

    public void Dispose() => _sending.Dispose();

    private async Task SendAsync(JsonObject frame)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(frame, json);
        await _sending.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(sendTimeout);
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        }
        finally
        {
            _sending.Release();
        }
    }
}
