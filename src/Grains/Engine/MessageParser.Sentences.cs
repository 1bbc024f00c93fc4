namespace Orleans.Conversations.Grains.Engine;

internal static partial class MessageParser
{
    private static readonly HashSet<string> _abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "st", "mt", "ft", "dr", "mr", "mrs", "ms", "jr", "sr", "prof", "vs", "ave", "rd", "blvd", "no",
    };

    private static bool TryName(string body, bool polite, bool allCaps, List<Statement> found)
    {
        var lead = MessagePatterns.NameLead().Match(body);
        if (!lead.Success) return false;

        var form = lead.Groups["callme"].Success ? NameForm.CallMe : NameForm.Explicit;
        var start = MessageValues.SkipLeading(body, lead.Length);
        var name = NameRules.Read(body, start, form, allCaps, out var end);
        if (name is null || (MessageValues.IsQuestionAfter(body, end) && !(polite && form == NameForm.CallMe)))
            return false;

        AddName(body, name, end, found);
        return true;
    }

    private static bool TryBareName(string body, bool allCaps, List<Statement> found)
    {
        var lead = MessagePatterns.BareNameLead().Match(body);
        if (!lead.Success) return false;

        var name = NameRules.Read(body, lead.Length, NameForm.Bare, allCaps, out var end);
        if (name is null || MessageValues.IsQuestionAfter(body, end)) return false;

        AddName(body, name, end, found);
        return true;
    }

    /// <summary>Adds the name and, for "Ada from London", the place that follows it.</summary>
    private static void AddName(string body, string name, int end, List<Statement> found)
    {
        found.Add(new Statement(StatementKind.Name, 0, end) { Value = name });
        var from = MessagePatterns.FromAfterName().Match(body[end..]);
        if (from.Success) TryValue(body, end + from.Length, StatementKind.Location, _locationTail, found);
    }

    /// <summary>
    /// The sentences of <paramref name="text"/> as [start, end) ranges: a sentence ends at a line break, or at
    /// <c>.</c>, <c>!</c>, <c>?</c> or <c>…</c> followed by a space, except after an abbreviation or an initial
    /// ("St. Louis", "J. R. R. Tolkien") unless a statement follows it.
    /// </summary>
    private static IEnumerable<(int Start, int End)> Sentences(string text, bool allCaps)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                yield return (start, i);
                start = i + 1;
                continue;
            }

            if (!IsTerminator(c)) continue;

            var last = i;
            while (last + 1 < text.Length && (IsTerminator(text[last + 1]) || text[last + 1] is '"' or '”' or '’' or ')'))
                last++;
            var atEnd = last + 1 >= text.Length;
            if (!atEnd && !char.IsWhiteSpace(text[last + 1]) && c is not ('。' or '！' or '？'))
            {
                i = last;
                continue;
            }

            if (!atEnd && c == '.' && last == i && IsAbbreviation(text, i)
                && !StartsStatement(text, last + 1, Math.Min(text.Length, last + 1 + TrialWindow), allCaps))
            {
                continue;
            }

            yield return (start, last + 1);
            start = last + 1;
            i = last;
        }

        if (start < text.Length) yield return (start, text.Length);
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '…' or '？' or '！' or '。';

    private static bool IsAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && char.IsLetter(text[start - 1])) start--;
        var word = text[start..dot];
        return (word.Length == 1 && char.IsUpper(word[0])) || _abbreviations.Contains(word);
    }
}
