using System.Text;

namespace Orleans.Conversations.Search;

/// <summary>
/// Snippets as HTML: PostgreSQL marks the matched words with two private-use characters, in a text whose own
/// private-use sentinels are taken out and whose angle brackets stand in two others (its parser would take them for
/// tags); here the brackets come back, the rest is escaped and the marks become <c>&lt;mark&gt;</c> and <c>&lt;/mark&gt;</c>.
/// </summary>
internal static class SearchSnippets
{
    public const char Start = '\uE000';
    public const char Stop = '\uE001';
    private const char Less = '\uE002';
    private const char Greater = '\uE003';

    /// <summary>The options of <c>ts_headline</c> that mark with <see cref="Start"/> and <see cref="Stop"/>.</summary>
    public static readonly string HeadlineOptions =
        $"StartSel={Start}, StopSel={Stop}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \"";

    /// <summary>The <c>from</c> of the <c>translate</c> that readies a text for <c>ts_headline</c>: brackets, then the sentinels it deletes.</summary>
    public static readonly string Replaced = $"<>{Less}{Greater}{Start}{Stop}";

    /// <summary>The <c>to</c> of that <c>translate</c>: what the brackets become.</summary>
    public static readonly string Replacements = $"{Less}{Greater}";

    /// <summary>
    /// The marked headline as HTML: only the five characters HTML gives a meaning to are escaped, so the user's own text
    /// (São Paulo, Zoë, emoji) stays as written.
    /// </summary>
    public static string ToHtml(string headline)
    {
        var html = new StringBuilder(headline.Length + 32);
        foreach (var c in headline)
        {
            _ = c switch
            {
                Start => html.Append("<mark>"),
                Stop => html.Append("</mark>"),
                Less or '<' => html.Append("&lt;"),
                Greater or '>' => html.Append("&gt;"),
                '&' => html.Append("&amp;"),
                '"' => html.Append("&quot;"),
                '\'' => html.Append("&#39;"),
                _ => html.Append(c),
            };
        }

        return html.ToString();
    }
}
