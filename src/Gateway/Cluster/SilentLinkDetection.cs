using System.Net.Sockets;
using System.Reflection;
using Microsoft.AspNetCore.Connections;
using Orleans.Configuration;
using Orleans.Networking.Shared;

namespace Orleans.Conversations.Gateway.Cluster;

/// <summary>
/// Makes the gateway's Orleans client drop a connection to a silo whose link went silent (a host cut off the network:
/// packets vanish, nothing resets the connection) within <see cref="HttpApi.Hosting.HttpGatewayOptions.SilentLinkTimeout"/>,
/// instead of waiting for the cluster to declare that silo dead. Sent data unacknowledged for that long closes the
/// socket (Linux <c>TCP_USER_TIMEOUT</c>), keepalive probes do the same for an idle one, and a new connection that
/// cannot be made in that time marks the silo's gateway dead. The closed connection makes <see cref="SiloLossMonitor"/>
/// send the calls in flight again, and the client routes them through the other silos.
/// </summary>
internal static class SilentLinkDetection
{
    private const int TcpUserTimeoutOption = 18;

    // Orleans gives connection middleware its own connection type, whose socket is not exposed: read it from the field.
    // Without it (another Orleans version) only the keepalive and the connect timeout apply.
    private static readonly FieldInfo? SocketField = typeof(ClientConnectionOptions).Assembly
        .GetType("Orleans.Networking.Shared.SocketConnection")?
        .GetField("_socket", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <summary>Whether this Orleans version's connections carry the socket where this reads it.</summary>
    internal static bool CanReachSockets => SocketField?.FieldType == typeof(Socket);

    /// <summary>Applies <paramref name="timeout"/> to every connection <paramref name="client"/> makes to a silo.</summary>
    public static IClientBuilder DetectSilentLinks(this IClientBuilder client, TimeSpan timeout)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds / 2));
        client.Configure<SocketConnectionOptions>(o =>
        {
            o.KeepAlive = true;
            o.KeepAliveTimeSeconds = seconds;
            o.KeepAliveIntervalSeconds = seconds;
            o.KeepAliveRetryCount = 1;
        });
        client.Configure<ConnectionOptions>(o => o.OpenConnectionTimeout = timeout);
        client.Configure<ClientConnectionOptions>(o => o.ConfigureConnection(connection => connection.Use(next => context =>
        {
            LimitUnacknowledgedTime(context, timeout);
            return next(context);
        })));
        return client;
    }

    private static void LimitUnacknowledgedTime(ConnectionContext context, TimeSpan timeout)
    {
        if (!OperatingSystem.IsLinux() || SocketField?.GetValue(context) is not Socket socket)
            return;
        socket.SetRawSocketOption((int)SocketOptionLevel.Tcp, TcpUserTimeoutOption, BitConverter.GetBytes((int)timeout.TotalMilliseconds));
    }
}
