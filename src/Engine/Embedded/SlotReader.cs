using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// Reads the value of a slot after a statement's lead: where it stops ("tea, coffee and cake" whole, "tea but not
/// coffee" cut), its trailing fillers and symbols dropped, never a pronoun or a question.
/// </summary>
internal static class SlotReader
{
    /// <summary>The longest value a statement gives.</summary>
    public const int MaxValueLength = 120;

    private const int MaxShortItemWords = 6;

    private static readonly FrozenSet<string> _listConjunctions = Lexicon.English.Words("listConjunctions");

    private static readonly FrozenSet<string> _subjectWords = Lexicon.English.Words("subjectWords");

    /// <summary>Words that make an item after ", and" a clause of its own ("and then went home"), not a list item.</summary>
    private static readonly FrozenSet<string> _clauseWords = Lexicon.English.Words("clauseWords");

    /// <summary>Fillers a like or favorite may end with: "a lot", "too", "lol".</summary>
    public static string[] LikeTail { get; } = Lexicon.English.WordList("likeTail");

    /// <summary>Fillers a place or job may end with: "now", "these days", "btw".</summary>
    public static string[] LocationTail { get; } = Lexicon.English.WordList("locationTail");

    /// <summary>Adds the name and, for "Ada from London", the place that follows it.</summary>
    public static void AddName(string body, string name, int end, List<Statement> found)
    {
        found.Add(new Statement(Intents.NameStatement, 0, end) { Value = name });
        var from = MessagePatterns.FromAfterName().Match(body[end..]);
        if (from.Success) TryValue(body, end + from.Length, Intents.LocationStatement, LocationTail, found);
    }

    /// <summary>Reads a location, like or favorite value that starts at <paramref name="from"/>.</summary>
    public static bool TryValue(
        string body, int from, StatementIntent intent, string[] tail, List<Statement> found, string topic = "")
    {
        var start = MessageValues.SkipLeading(body, from);
        var end = ValueEnd(body, start, intent);
        if (end <= start || MessageValues.IsQuestionAfter(body, end)) return false;

        var value = MessageValues.StripTrailingPhrases(MessageValues.StripTrailingSymbols(MessageValues.Clean(body[start..end])), tail);
        if (value.Length == 0 || value.Length > MaxValueLength) return false;
        if (MessageValues.IsPronoun(value) || MessageValues.StartsWithQuestionWord(value)) return false;

        found.Add(new Statement(intent, 0, end) { Value = value, Topic = topic });
        return true;
    }

    /// <summary>
    /// "tea, coffee, and cake", "tea, coffee, or cake": a comma and "and" or "or" bring the last item of a list. With no
    /// comma before it ("tea, and coffee") only a short item without a subject counts, not "tea, and sometimes I hike".
    /// </summary>
    private static bool IsLastItemOfList(string body, int start, Match stop)
    {
        if (stop.Value[0] != ',' || !_listConjunctions.Contains(stop.Value[1..].Trim())) return false;
        var next = stop.Index + stop.Length;
        if (MessagePatterns.ThoughtFollows().IsMatch(body.AsSpan(next))) return false;
        return body.IndexOf(',', start, stop.Index - start) >= 0 || IsShortItem(body, next);
    }

    /// <summary>A few words with neither a subject nor a verb of their own: "coffee", "a lot of biscuits".</summary>
    private static bool IsShortItem(string body, int start)
    {
        var stop = MessagePatterns.ValueStop().Match(body, start);
        var words = body[start..(stop.Success ? stop.Index : body.Length)]
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.Trim(MessageValues.TrailingPunctuation))
            .ToList();
        return words.Count is > 0 and <= MaxShortItemWords
            && !words.Any(word => _subjectWords.Contains(word) || _clauseWords.Contains(word));
    }

    private static int ValueEnd(string body, int start, StatementIntent intent)
    {
        var end = body.Length;
        var stop = MessagePatterns.ValueStop().Match(body, start);
        while (stop.Success && IsLastItemOfList(body, start, stop))
            stop = MessagePatterns.ValueStop().Match(body, stop.Index + stop.Length);
        if (stop.Success) end = stop.Index;
        if (!intent.Fills(ContextKeys.Location)) return MessageValues.TrimEnd(body, start, end);

        var locationStop = MessagePatterns.LocationStop().Match(body, start);
        if (locationStop.Success && locationStop.Index < end) end = locationStop.Index;
        end = MessageValues.TrimEnd(body, start, end);
        var comma = body.IndexOf(',', start, end - start);
        if (comma >= 0 && !MessagePatterns.PlaceContinuation().IsMatch(body[comma..end]))
            end = MessageValues.TrimEnd(body, start, comma);
        return end;
    }
}
