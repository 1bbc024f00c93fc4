using System.ComponentModel.DataAnnotations;

namespace Orleans.Conversations.HttpApi.Hosting;

/// <summary>Settings of the HTTP gateway (configuration section <c>Gateway</c>).</summary>
public sealed class HttpGatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Gateway";

    /// <summary>The address served when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>The largest request body accepted, in bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// How long a call into the cluster may take before the client gets 503 (<c>Gateway__CallTimeout</c>); longer than
    /// a turn can take (see <c>TurnTimeouts</c>), which is checked at start-up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the gateway keeps sending a call again that the cluster did not process or could not answer, such as a
    /// call to a silo that died (<c>Gateway__RetryWindow</c>); never longer than half of <see cref="CallTimeout"/>, so
    /// that the last attempt still has time to finish. Zero turns retries off: a call in flight when a silo is lost is
    /// then answered with 503 at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The seconds a client is told to wait (<c>Retry-After</c>) when the service is unavailable.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>
    /// How long a connection to a silo may go without an answer before the gateway drops it and sends its calls through
    /// the other silos (<c>Gateway__SilentLinkTimeout</c>): a silo host cut off the network stalls only the sessions
    /// that live on it, not every session whose calls happened to go through it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SilentLinkTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
