using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using Orleans.Conversations.HttpApi.Api;

namespace Orleans.Conversations.Gateway.Tests.Security;

/// <summary>A client that does not read cannot hold a WebSocket send forever: over a real loopback TCP connection.</summary>
public sealed class WebSocketSendTimeoutTests
{
    [Fact]
    public async Task a_send_to_a_client_that_does_not_read_gives_up_after_the_send_timeout_and_drops_the_socket()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        using var server = await listener.AcceptSocketAsync();
        server.SendBufferSize = 4096;
        using var socket = WebSocket.CreateFromStream(new NetworkStream(server, ownsSocket: false), new WebSocketCreationOptions { IsServer = true });
        using var sender = new WebSocketSender(socket, JsonSerializerOptions.Web, TimeSpan.FromMilliseconds(300));

        // Far more than the two socket buffers hold, and the client never reads.
        var sending = sender.EventAsync("message.delta", new { text = new string('x', 8 * 1024 * 1024) });
        var finished = await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.True(finished == sending, "the send was still waiting for the client after 30 s");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Equal(WebSocketState.Aborted, socket.State);
    }
}
