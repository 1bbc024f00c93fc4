using System.ComponentModel.DataAnnotations;

namespace Orleans.Conversations.Gateway.Security;

/// <summary>
/// Requests per caller (configuration section <c>RateLimit</c>): a token bucket per API key or token subject, per
/// client address in open mode. Health, OpenAPI and the dashboard are not counted.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RateLimit";

    /// <summary>Whether requests are limited at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The sustained rate a caller may send, per second.</summary>
    [Range(1, 1_000_000)]
    public int TokensPerSecond { get; set; } = 100;

    /// <summary>How many requests a caller may send at once after being idle.</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 600;
}
