using System.Text;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// Reads the <c>q</c> of a search from the raw query string, strictly: percent-encoded bytes that are not UTF-8 are not
/// valid text (ASP.NET would read them as U+FFFD), no more than <see cref="MaxLength"/> characters, none of U+0000.
/// </summary>
internal static class SearchQuery
{
    /// <summary>The longest <c>q</c>, in characters (code points).</summary>
    public const int MaxLength = 500;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The search text of <paramref name="request"/>.</summary>
    /// <exception cref="ApiProblemException">It is absent, blank, too long or not valid text.</exception>
    public static string Read(HttpRequest request)
    {
        var raw = request.QueryString.Value is { Length: > 1 } query ? query[1..] : "";
        foreach (var pair in raw.Split('&'))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator < 0 || Decode(pair[..separator]) != "q")
                continue;
            var text = Decode(pair[(separator + 1)..]) ?? throw Invalid("is not valid UTF-8 text");
            if (string.IsNullOrWhiteSpace(text))
                break;
            if (UserMessageRules.CheckCharacters("q", text) is { } rejected)
                throw ApiProblemException.BadRequest(rejected.Message.Replace("Field 'q'", "Query parameter 'q'", StringComparison.Ordinal), "q");
            if (UserMessageRules.CountCharacters(text) > MaxLength)
                throw Invalid($"is longer than {MaxLength} characters");
            return text;
        }

        throw Invalid("is required: the words to search for");
    }

    private static ApiProblemException Invalid(string problem) => ApiProblemException.BadRequest($"Query parameter 'q' {problem}.", "q");

    /// <summary>A form-encoded component decoded, or null when its bytes are not UTF-8.</summary>
    private static string? Decode(string component)
    {
        var bytes = new List<byte>(component.Length);
        for (var i = 0; i < component.Length; i++)
        {
            var c = component[i];
            if (c == '%' && i + 2 < component.Length && Uri.IsHexDigit(component[i + 1]) && Uri.IsHexDigit(component[i + 2]))
            {
                bytes.Add(Convert.ToByte(component.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c == '+' ? " " : c.ToString()));
            }
        }

        try
        {
            return StrictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
