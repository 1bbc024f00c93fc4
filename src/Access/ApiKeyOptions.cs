namespace Orleans.Conversations.Access;

/// <summary>How presented API keys are checked (section <c>Auth:Keys</c>).</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Auth:Keys";

    /// <summary>The shortest <see cref="CacheTtl"/> allowed.</summary>
    public static readonly TimeSpan MinCacheTtl = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The longest <see cref="CacheTtl"/> allowed: a revocation must reach every gateway within 5 seconds, and it takes
    /// up to one TTL plus one lookup.
    /// </summary>
    public static readonly TimeSpan MaxCacheTtl = TimeSpan.FromSeconds(4);

    /// <summary>How long a key's row (or its absence) is reused before it is read again. Default 3 seconds.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many key ids the cache holds at most, so that made-up keys cannot fill the memory. Default 10,000.</summary>
    public int MaxCachedKeys { get; set; } = 10_000;
}
