using System.Globalization;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// Finds remembered values in a message by whole words, ignoring case, never by parts of words: "tea" is not in
/// "steak", "Al" not in "Alice", "Rome" not in "Romero", "C++" not in "C#". Text in a script written without spaces
/// (Chinese, Japanese, Thai …) and values without letters or digits (emoji) are matched as plain substrings.
/// </summary>
internal static class WordMatch
{
    /// <summary>
    /// Where <paramref name="words"/> first stands in <paramref name="text"/> as whole words, or -1; ignoring case
    /// unless <paramref name="comparison"/> says otherwise.
    /// </summary>
    public static int IndexOf(string text, string words, StringComparison comparison = StringComparison.OrdinalIgnoreCase)
    {
        if (words.Length == 0) return -1;
        for (var at = text.IndexOf(words, comparison); at >= 0; at = text.IndexOf(words, at + 1, comparison))
        {
            var end = at + words.Length;
            if (IsBoundary(text, at - 1, at) && IsBoundary(text, end, end - 1)) return at;
        }

        return -1;
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="words"/> as whole words (see <see cref="IndexOf"/>).</summary>
    public static bool Contains(string text, string words, StringComparison comparison = StringComparison.OrdinalIgnoreCase) =>
        IndexOf(text, words, comparison) >= 0;

    /// <summary>
    /// Whether one of two items holds the other as a run of whole words, a plural "s" aside: "long walks" and
    /// "walks", "cats" and "cat", "tea, coffee and cake" and "coffee"; never "tea" and "steak".
    /// </summary>
    public static bool Overlap(string item, string other)
    {
        var words = Words(item);
        var others = Words(other);
        if (words.Length == 0 || others.Length == 0 || item.Any(IsUnspaced) || other.Any(IsUnspaced))
        {
            return item.Contains(other.Trim(), StringComparison.OrdinalIgnoreCase)
                || other.Contains(item.Trim(), StringComparison.OrdinalIgnoreCase);
        }

        return HoldsRun(words, others) || HoldsRun(others, words);
    }

    /// <summary>Whether a match may end next to <paramref name="outside"/> (an index, maybe past the text), its edge at <paramref name="inside"/>.</summary>
    private static bool IsBoundary(string text, int outside, int inside) =>
        outside < 0 || outside >= text.Length || !IsWordChar(text[outside]) || IsUnspaced(text[outside]) || IsUnspaced(text[inside]);

    private static bool HoldsRun(string[] words, string[] run)
    {
        for (var start = 0; start + run.Length <= words.Length; start++)
        {
            if (run.AsSpan().SequenceEqual(words.AsSpan(start, run.Length))) return true;
        }

        return false;
    }

    /// <summary>The words of <paramref name="text"/>, lower case, each without a plural "s" ("walks" is "walk", not "chess").</summary>
    private static string[] Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (IsWordChar(text[i]) || (start >= 0 && text[i] is '\'' or '’' or '-'));
            if (inWord && start < 0) start = i;
            if (inWord || start < 0) continue;
            words.Add(Singular(text[start..i].TrimEnd('\'', '’', '-').ToLowerInvariant()));
            start = -1;
        }

        return [.. words];
    }

    private static string Singular(string word) =>
        word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || c is '+' or '#' || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark;

    /// <summary>A letter of a script written without spaces between words, or half of a character outside the BMP.</summary>
    private static bool IsUnspaced(char c) =>
        c is >= '\u0E00' and <= '\u0EFF' or >= '\u1000' and <= '\u109F' or >= '\u1780' and <= '\u17FF'
            or >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF'
            or >= '\uF900' and <= '\uFAFF' || char.IsSurrogate(c);
}
