using System.ComponentModel.DataAnnotations;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// Limits on the connections a caller holds open (configuration section <c>Connections</c>): WebSockets and event feed
/// followers per caller (per key or token subject; per client address in open mode), and how long a send may wait
/// for a client that does not read.
/// </summary>
public sealed class ConnectionLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Connections";

    /// <summary>WebSockets one caller may hold open at once; past it the upgrade gets <c>429</c>. Default 8.</summary>
    [Range(1, 100_000)]
    public int MaxWebSocketsPerCaller { get; set; } = 8;

    /// <summary>Live follows of <c>/api/events</c> one caller may hold open at once; past it <c>429</c>. Default 4.</summary>
    [Range(1, 100_000)]
    public int MaxFeedFollowersPerCaller { get; set; } = 4;

    /// <summary>How long a WebSocket frame may take to send before the socket is dropped. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
