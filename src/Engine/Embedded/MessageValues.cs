using System.Buffers;
using System.Collections.Frozen;
using System.Text;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>Text helpers shared by the parser and the replies: normalizing input and cleaning values.</summary>
internal static class MessageValues
{
    /// <summary>Punctuation a value or a word may end with, trimmed off it.</summary>
    public static readonly char[] TrailingPunctuation = ['.', ',', '!', '?', ';', ':', '…'];

    private static readonly FrozenSet<string> _pronouns = Lexicon.English.Words("pronouns");

    private static readonly FrozenSet<string> _questionWords = Lexicon.English.Words("questionWords");

    /// <summary>What <see cref="Normalize"/> rewrites: control characters (line breaks among them) and the Unicode line and paragraph separators.</summary>
    private static readonly SearchValues<char> NeedsNormalizing = SearchValues.Create(
        [.. Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => char.IsControl(c) || c is '\u2028' or '\u2029')]);

    /// <summary>
    /// The text with line breaks as <c>\n</c> and every other control character as a space. The length never changes,
    /// so positions found in the result are positions in <paramref name="text"/>.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var first = text.AsSpan().IndexOfAny(NeedsNormalizing);
        if (first < 0) return text;
        var builder = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r') builder.Append(i + 1 < text.Length && text[i + 1] == '\n' ? ' ' : '\n');
            else if (c == '\n' || c == '\u2028' || c == '\u2029') builder.Append('\n');
            else if (char.IsControl(c)) builder.Append(' ');
            else builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The value with whitespace runs collapsed, trailing punctuation removed and surrounding quotes dropped when they
    /// are a pair: not in <c>"tea", "coffee"</c>.
    /// </summary>
    public static string Clean(string raw)
    {
        var collapsed = string.Join(' ', raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var value = collapsed.TrimEnd(TrailingPunctuation).Trim();
        if (value.Length >= 2 && IsQuote(value[0]) && IsQuote(value[^1]) && !QuotesInside(value[1..^1], IsDoubleQuote(value[0])))
            value = value[1..^1].Trim().TrimEnd(TrailingPunctuation).Trim();
        return value;
    }

    /// <summary>The end of <paramref name="text"/>[start..end) once trailing whitespace and punctuation are dropped.</summary>
    public static int TrimEnd(string text, int start, int end)
    {
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || Array.IndexOf(TrailingPunctuation, text[end - 1]) >= 0))
            end--;
        return end;
    }

    /// <summary>The first position at or after <paramref name="start"/> that is not whitespace, a colon or a dash.</summary>
    public static int SkipLeading(string text, int start)
    {
        while (start < text.Length && (char.IsWhiteSpace(text[start]) || text[start] is ':' or '-' or '–' or '—'))
            start++;
        return start;
    }

    /// <summary>Whether the punctuation that follows a value at <paramref name="end"/> asks a question ("Ada?").</summary>
    public static bool IsQuestionAfter(string text, int end)
    {
        for (var i = end; i < text.Length && !char.IsLetterOrDigit(text[i]); i++)
        {
            if (text[i] is '?' or '？') return true;
        }

        return false;
    }

    /// <summary><paramref name="value"/> without any of <paramref name="phrases"/> (and their punctuation) at its end.</summary>
    public static string StripTrailingPhrases(string value, IReadOnlyList<string> phrases)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var phrase in phrases)
            {
                if (value.Length > phrase.Length + 1
                    && value.EndsWith(phrase, StringComparison.OrdinalIgnoreCase)
                    && !char.IsLetterOrDigit(value[^(phrase.Length + 1)]))
                {
                    value = Clean(value[..^phrase.Length]);
                    changed = true;
                }
            }
        }

        return value;
    }

    /// <summary>
    /// <paramref name="value"/> without trailing words that hold no letter or digit (an emoji, a flag, ":)"), as long
    /// as something is left: "London 🇬🇧" is "London", but "🍕" stays "🍕".
    /// </summary>
    public static string StripTrailingSymbols(string value)
    {
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && !words[^1].Any(char.IsLetterOrDigit)) words.RemoveAt(words.Count - 1);
        return words.Count == 0 ? value : Clean(string.Join(' ', words));
    }

    /// <summary>Whether <paramref name="value"/> only points at something ("it", "that", "you") instead of naming it.</summary>
    public static bool IsPronoun(string value) => _pronouns.Contains(value);

    /// <summary>Whether <paramref name="value"/> opens with a question word ("what you said", "how you think").</summary>
    public static bool StartsWithQuestionWord(string value) => _questionWords.Contains(FirstWord(value));

    /// <summary>The first word of <paramref name="value"/>, without punctuation.</summary>
    public static string FirstWord(string value)
    {
        var trimmed = value.TrimStart();
        var end = 0;
        while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end])) end++;
        return trimmed[..end].Trim(TrailingPunctuation).Trim('"', '“', '”', '\'', '‘', '’');
    }

    /// <summary>A topic as stored: trimmed, lower case, single spaces ("Ice  Cream" becomes "ice cream").</summary>
    public static string Topic(string raw) => Clean(raw).ToLowerInvariant();

    /// <summary>Whether two favorite topics are the same whatever their spelling ("colour", "color", "colors").</summary>
    public static bool SameTopic(string topic, string other) => CanonicalTopic(topic) == CanonicalTopic(other);

    /// <summary>
    /// A topic reduced for comparison, so that "colour", "color" and "colors" are the same topic: lower case, British
    /// "-our" spelled "-or", a trailing plural "s" dropped.
    /// </summary>
    private static string CanonicalTopic(string topic)
    {
        var words = Topic(topic).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word.Length > 4 && word.EndsWith("our", StringComparison.Ordinal)) word = word[..^3] + "or";
            else if (word.Length > 5 && word.EndsWith("ours", StringComparison.Ordinal)) word = word[..^4] + "ors";
            if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)) word = word[..^1];
            words[i] = word;
        }

        return string.Join(' ', words);
    }

    /// <summary>Whether a topic is spelled the British way ("colour", "flavours").</summary>
    public static bool IsBritishSpelling(string topic) =>
        Topic(topic).Split(' ').Any(word => word.Length > 4 && (word.EndsWith("our", StringComparison.Ordinal)
            || word.EndsWith("ours", StringComparison.Ordinal)));

    private static bool IsQuote(char c) => IsDoubleQuote(c) || c is '\'' or '‘' or '’' or '‹' or '›';

    private static bool IsDoubleQuote(char c) => c is '"' or '“' or '”' or '„' or '«' or '»';

    /// <summary>Whether <paramref name="inner"/> holds a quote of the same kind, other than an apostrophe inside a word (O'Brien).</summary>
    private static bool QuotesInside(string inner, bool doubleQuotes)
    {
        for (var i = 0; i < inner.Length; i++)
        {
            if (!IsQuote(inner[i]) || IsDoubleQuote(inner[i]) != doubleQuotes) continue;
            var inWord = i > 0 && i < inner.Length - 1 && char.IsLetterOrDigit(inner[i - 1]) && char.IsLetterOrDigit(inner[i + 1]);
            if (!inWord) return true;
        }

        return false;
    }
}
