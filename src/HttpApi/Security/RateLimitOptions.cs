using System.ComponentModel.DataAnnotations;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// Requests per caller (configuration section <c>RateLimit</c>): a token bucket per API key or token subject, per
/// client address in open mode. Health, OpenAPI and the dashboard are not counted.
/// </summary>
/// <remarks>
/// In open mode, clients on the gateway's own machine (the operator, a load test) are limited only once a limit is set
/// explicitly; with the defaults, only other addresses are.
/// </remarks>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RateLimit";

    /// <summary>The sustained rate a caller may send when <see cref="TokensPerSecond"/> is not set.</summary>
    public const int DefaultTokensPerSecond = 100;

    /// <summary>The burst a caller may send when <see cref="Burst"/> is not set.</summary>
    public const int DefaultBurst = 600;

    /// <summary>Whether requests are limited at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The sustained rate a caller may send, per second (default <see cref="DefaultTokensPerSecond"/>).</summary>
    [Range(1, 1_000_000)]
    public int? TokensPerSecond { get; set; }

    /// <summary>How many requests a caller may send at once after being idle (default <see cref="DefaultBurst"/>).</summary>
    [Range(1, 10_000_000)]
    public int? Burst { get; set; }

    /// <summary>
    /// How many requests with a refused credential one client address (an IPv6 address by its /64) may send at once
    /// before it gets <c>429</c> without its credential being looked at (default 30). Applies when credentials are required.
    /// </summary>
    [Range(1, 10_000_000)]
    public int AuthFailureBurst { get; set; } = 30;

    /// <summary>How fast that budget refills, in refused credentials per minute (default 60).</summary>
    [Range(1, 10_000_000)]
    public int AuthFailuresPerMinute { get; set; } = 60;

    /// <summary>Whether a limit was set explicitly, which then applies to the gateway's own machine in open mode too.</summary>
    public bool IsExplicit => TokensPerSecond is not null || Burst is not null;
}
