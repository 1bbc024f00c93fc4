namespace Orleans.Conversations.Search;

/// <summary>The search index's settings (configuration section <c>Search</c>).</summary>
public sealed class SearchOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Search";

    /// <summary>
    /// Whether this silo keeps the index up to date from the event feed (<c>Search__Index</c>, default true). Off, search
    /// and recall find only what was indexed before; for measuring what the index costs.
    /// </summary>
    public bool Index { get; set; } = true;
}
