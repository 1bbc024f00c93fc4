using System.Globalization;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// Finds remembered values in a message by whole words, ignoring case, never by parts of words: "tea" is not in
/// "steak", "Al" not in "Alice", "Rome" not in "Romero".
/// </summary>
internal static class WordMatch
{
    /// <summary>Where <paramref name="words"/> first stands in <paramref name="text"/> as whole words, or -1.</summary>
    public static int IndexOf(string text, string words)
    {
        if (words.Length == 0) return -1;
        for (var at = text.IndexOf(words, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(words, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + words.Length;
            if ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.Length || !IsWordChar(text[end]))) return at;
        }

        return -1;
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="words"/> as whole words.</summary>
    public static bool Contains(string text, string words) => IndexOf(text, words) >= 0;

    /// <summary>
    /// Whether one of two items holds the other as a run of whole words, a plural "s" aside: "long walks" and
    /// "walks", "cats" and "cat", "tea, coffee and cake" and "coffee"; never "tea" and "steak".
    /// </summary>
    public static bool Overlap(string item, string other)
    {
        var words = Words(item);
        var others = Words(other);
        return words.Length > 0 && others.Length > 0 && (HoldsRun(words, others) || HoldsRun(others, words));
    }

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
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark;
}
