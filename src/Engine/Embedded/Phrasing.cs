using System.Collections.Frozen;
using System.Globalization;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>Small writing helpers for replies: lists, quotes, addressing the user, and turning "I" into "you".</summary>
internal static class Phrasing
{
    private static readonly FrozenDictionary<string, string> _reflections = Lexicon.English.Reflections;

    private static readonly FrozenSet<string> _subjectOpeners = Lexicon.English.Words("subjectOpeners");

    private static readonly FrozenSet<string> _lowerCaseOpeners = Lexicon.English.Words("lowerCaseOpeners");

    private static readonly FrozenSet<string> _subjects = Lexicon.English.Words("subjects");

    /// <summary>Whether <paramref name="sentence"/> opens with a subject ("I went ...", "the weather is ..."), so
    /// that it can be said back; an order or a fragment ("call me later", "forget it") cannot.</summary>
    public static bool StartsWithSubject(string sentence) => _subjects.Contains(MessageValues.FirstWord(sentence));

    /// <summary>"tea", "tea and chess", "tea, chess and hiking".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>
    /// Like <see cref="List"/> for at most <paramref name="max"/> items, the last ones, then how many more there are:
    /// "chess, hiking and 12 more things".
    /// </summary>
    public static string ListLatest(IReadOnlyList<string> items, int max, string noun) =>
        items.Count <= max ? List(items) : List([.. items.Skip(items.Count - max), More(items.Count - max, noun)]);

    /// <summary>"12 more favorites", "1 more favorite".</summary>
    public static string More(int count, string noun) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} more {noun}{(count == 1 ? "" : "s")}";

    /// <summary>Like <see cref="List"/>, with a comma before the last item when there are three or more.</summary>
    public static string Sentences(IReadOnlyList<string> items) =>
        items.Count < 3 ? List(items) : string.Join(", ", items.Take(items.Count - 1)) + ", and " + items[^1];

    /// <summary>"are" after a plural topic ("colors", "movies"), otherwise "is" ("color", "class", "genus").</summary>
    public static string IsOrAre(string topic)
    {
        var last = topic.TrimEnd().Split(' ')[^1];
        return last.Length > 2 && last.EndsWith('s') && !last.EndsWith("ss", StringComparison.Ordinal)
            && !last.EndsWith("us", StringComparison.Ordinal) && !last.EndsWith("is", StringComparison.Ordinal)
            ? "are"
            : "is";
    }

    /// <summary>The text in typographic quotes.</summary>
    public static string Quote(string text) => $"“{text}”";

    /// <summary>A job as said back: "a nurse" as told, "nurse" as "a nurse".</summary>
    public static string Job(string job) =>
        MessageValues.FirstWord(job).ToLowerInvariant() is "a" or "an" or "the" or "my" || !char.IsLower(job[0]) ? job : $"{Article(job)} {job}";

    /// <summary>"a" or "an" before <paramref name="word"/>, by its first letter.</summary>
    public static string Article(string word) => word.Length > 0 && "aeiouAEIOU".Contains(word[0]) ? "an" : "a";

    /// <summary>", Ada" when the name is known, otherwise nothing: for "Hello, Ada!".</summary>
    public static string Address(string? name) => string.IsNullOrWhiteSpace(name) ? "" : ", " + name;

    /// <summary>The text with its first letter in upper case.</summary>
    public static string Capitalize(string text) =>
        text.Length == 0 || !char.IsLower(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>
    /// The user's words from the engine's side: "I went hiking with my dog" becomes "you went hiking with your dog",
    /// "you are kind" becomes "I am kind". Word by word, keeping punctuation; the first letter is lowered unless the
    /// first word looks like a name.
    /// </summary>
    public static string Reflect(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var previous = "";
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var start = 0;
            while (start < word.Length && !char.IsLetter(word[start])) start++;
            var end = word.Length;
            while (end > start && !char.IsLetter(word[end - 1])) end--;
            var core = word[start..end].Replace('’', '\'');
            var reflected = ReflectWord(core, previous);
            words[i] = word[..start] + reflected + word[end..];
            previous = core;
        }

        var result = string.Join(' ', words);
        if (words.Length > 0 && _lowerCaseOpeners.Contains(MessageValues.FirstWord(text)) && char.IsUpper(result[0]))
            result = char.ToLowerInvariant(result[0]) + result[1..];
        return result;
    }

    private static string ReflectWord(string word, string previous)
    {
        if (word.Length == 0) return word;
        var lower = word.ToLowerInvariant();
        if (lower == "you") return _subjectOpeners.Contains(previous) ? "I" : "me";
        if (lower == "am" && previous.Equals("i", StringComparison.OrdinalIgnoreCase)) return "are";
        if (lower == "was" && previous.Equals("i", StringComparison.OrdinalIgnoreCase)) return "were";
        if (lower == "are" && previous.Equals("you", StringComparison.OrdinalIgnoreCase)) return "am";
        if (lower == "were" && previous.Equals("you", StringComparison.OrdinalIgnoreCase)) return "was";
        return _reflections.TryGetValue(lower, out var reflected) ? reflected : word;
    }
}
