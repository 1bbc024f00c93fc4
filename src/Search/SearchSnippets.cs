using System.Net;

namespace Orleans.Conversations.Search;

/// <summary>
/// Snippets as HTML: PostgreSQL marks the matched words with two private-use characters (taken out of the text first),
/// the rest is escaped here and the marks become <c>&lt;mark&gt;</c> and <c>&lt;/mark&gt;</c>.
/// </summary>
internal static class SearchSnippets
{
    public const char Start = '\uE000';
    public const char Stop = '\uE001';

    /// <summary>The options of <c>ts_headline</c> that mark with <see cref="Start"/> and <see cref="Stop"/>.</summary>
    public static readonly string HeadlineOptions =
        $"StartSel={Start}, StopSel={Stop}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \"";

    /// <summary>The characters taken out of a text before it is marked.</summary>
    public static readonly string Sentinels = $"{Start}{Stop}";

    /// <summary>The marked headline as HTML.</summary>
    public static string ToHtml(string headline) =>
        WebUtility.HtmlEncode(headline).Replace(Start.ToString(), "<mark>", StringComparison.Ordinal).Replace(Stop.ToString(), "</mark>", StringComparison.Ordinal);
}
