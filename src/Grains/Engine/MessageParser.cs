using System.Text.RegularExpressions;

namespace Orleans.Conversations.Grains.Engine;

/// <summary>
/// Finds the statements in a user message. The message is cut into sentences, and a sentence into clauses only where
/// the part after a comma, dash or "and" itself starts a statement, so that "Bosnia and Herzegovina" or
/// "tea, coffee and cake" stay whole. Each clause, once its greetings and fillers are skipped, is matched against the
/// statement patterns, which are all anchored at its start: a question ("what is my name") never reads as a statement.
/// </summary>
internal static partial class MessageParser
{
    private const int TrialWindow = 240;
    private const int MaxValueLength = 120;
    private const int MaxFactLength = 1000;

    private static readonly string[] _likeTail =
        ["a lot", "a bunch", "very much", "so much", "too", "as well", "also", "though", "lol", "haha", "the most",
         "quite a bit", "really", "btw", "please", "best", "the best", "most"];

    private static readonly string[] _locationTail =
        ["now", "currently", "these days", "at the moment", "right now", "too", "as well", "also", "though", "lol",
         "haha", "btw", "please"];

    private static readonly string[] _factTail =
        ["ok", "okay", "please", "thanks", "thank you", "alright", "right", "btw", "for me", "for later"];

    /// <summary>The statements of <paramref name="text"/>, in the order they appear. Never throws.</summary>
    public static IReadOnlyList<Statement> Parse(string? text)
    {
        var normalized = MessageValues.Normalize(text);
        var found = new List<Statement>();
        try
        {
            var allCaps = !normalized.Any(char.IsLower);
            foreach (var (start, end) in Sentences(normalized, allCaps))
                ParseSentence(normalized, start, end, allCaps, found);
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found before the pathological part of the message.
        }

        return found;
    }

    private static void ParseSentence(string text, int start, int end, bool allCaps, List<Statement> found)
    {
        var clauseStart = start;
        foreach (Match separator in MessagePatterns.ClauseSeparator().Matches(text[start..end]))
        {
            var next = start + separator.Index + separator.Length;
            if (next >= end || !StartsStatement(text, next, end, allCaps)) continue;
            ParseClause(text, clauseStart, start + separator.Index, allCaps, found);
            clauseStart = next;
        }

        ParseClause(text, clauseStart, end, allCaps, found);
    }

    private static bool StartsStatement(string text, int start, int end, bool allCaps) =>
        ParseClause(text, start, Math.Min(end, start + TrialWindow), allCaps, []);

    /// <summary>Reads one clause (<paramref name="text"/>[start..end)); adds what it states to <paramref name="found"/>.</summary>
    private static bool ParseClause(string text, int start, int end, bool allCaps, List<Statement> found)
    {
        var clause = text[start..end];
        var filler = MessagePatterns.LeadingFiller().Match(clause);
        var polite = filler.Length > 0 && MessagePatterns.RequestWords().IsMatch(filler.Value);
        var body = clause[filler.Length..];
        var clauseFound = new List<Statement>();
        _ = TryForget(body, clauseFound)
            || TryFact(body, polite, clauseFound)
            || TryFavorite(body, clauseFound)
            || TryName(body, polite, allCaps, clauseFound)
            || TryLocation(body, clauseFound)
            || TryLike(body, clauseFound)
            || TryFavoriteReversed(body, clauseFound)
            || TryBareName(body, allCaps, clauseFound);

        var offset = start + filler.Length;
        found.AddRange(clauseFound.Select(s => s with { Start = s.Start + offset, End = s.End + offset }));
        return clauseFound.Count > 0;
    }

    private static bool TryForget(string body, List<Statement> found)
    {
        var lead = MessagePatterns.ForgetLead().Match(body);
        if (!lead.Success) return false;

        var pos = lead.Length;
        while (pos < body.Length)
        {
            var target = MessagePatterns.ForgetTarget().Match(body[pos..]);
            if (!target.Success) break;

            pos += target.Length;
            found.Add(new Statement(StatementKind.Forget, 0, pos)
            {
                Target = TargetOf(target),
                Topic = target.Groups["topic"].Success ? MessageValues.Topic(target.Groups["topic"].Value) : "",
            });
            pos += MessagePatterns.ForgetJoin().Match(body[pos..]).Length;
        }

        return found.Count > 0;
    }

    private static ForgetTarget TargetOf(Match target) =>
        target.Groups["everything"].Success ? ForgetTarget.Everything
        : target.Groups["name"].Success ? ForgetTarget.Name
        : target.Groups["location"].Success ? ForgetTarget.Location
        : target.Groups["likes"].Success ? ForgetTarget.Likes
        : target.Groups["favorites"].Success ? ForgetTarget.AllFavorites
        : target.Groups["favorite"].Success ? ForgetTarget.Favorite
        : ForgetTarget.Facts;

    private static bool TryFact(string body, bool polite, List<Statement> found)
    {
        var lead = MessagePatterns.FactLead().Match(body);
        if (!lead.Success) return false;

        var start = MessageValues.SkipLeading(body, lead.Length);
        var end = MessageValues.TrimEnd(body, start, body.Length);
        if (MessageValues.IsQuestionAfter(body, end) && !polite) return false;

        var value = MessageValues.StripTrailingPhrases(MessageValues.Clean(body[start..end]), _factTail);
        if (value.Length == 0 || value.Length > MaxFactLength || MessageValues.IsPronoun(value)) return false;
        if (MessageValues.StartsWithQuestionWord(value)) return false;
        if (!lead.Groups["that"].Success && IsReference(value)) return false;

        found.Add(new Statement(StatementKind.Fact, 0, end) { Value = value });
        return true;
    }

    /// <summary>"remember my name" points at something instead of stating it.</summary>
    private static bool IsReference(string value)
    {
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 2 && words[0].Equals("my", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryFavorite(string body, List<Statement> found)
    {
        var lead = MessagePatterns.FavoriteLead().Match(body);
        if (!lead.Success) return false;

        var topic = MessageValues.Topic(lead.Groups["topic"].Value);
        return topic.Length > 0 && TryValue(body, lead.Length, StatementKind.Favorite, _likeTail, found, topic);
    }

    private static bool TryFavoriteReversed(string body, List<Statement> found)
    {
        var match = MessagePatterns.FavoriteReversed().Match(body);
        if (!match.Success) return false;

        var value = MessageValues.Clean(match.Groups["value"].Value);
        var topic = MessageValues.Topic(match.Groups["topic"].Value);
        if (value.Length == 0 || topic.Length == 0 || MessageValues.IsPronoun(value)) return false;
        if (MessageValues.StartsWithQuestionWord(value)) return false;

        found.Add(new Statement(StatementKind.Favorite, 0, MessageValues.TrimEnd(body, 0, body.Length))
        {
            Value = value,
            Topic = topic,
        });
        return true;
    }

    private static bool TryLocation(string body, List<Statement> found)
    {
        var lead = MessagePatterns.LocationLead().Match(body);
        return lead.Success && TryValue(body, lead.Length, StatementKind.Location, _locationTail, found);
    }

    private static bool TryLike(string body, List<Statement> found)
    {
        var lead = MessagePatterns.LikeLead().Match(body);
        return lead.Success && TryValue(body, lead.Length, StatementKind.Like, _likeTail, found);
    }

    /// <summary>Reads a location, like or favorite value that starts at <paramref name="from"/>.</summary>
    private static bool TryValue(
        string body, int from, StatementKind kind, string[] tail, List<Statement> found, string topic = "")
    {
        var start = MessageValues.SkipLeading(body, from);
        var end = ValueEnd(body, start, kind);
        if (end <= start || MessageValues.IsQuestionAfter(body, end)) return false;

        var value = MessageValues.StripTrailingPhrases(MessageValues.Clean(body[start..end]), tail);
        if (value.Length == 0 || value.Length > MaxValueLength) return false;
        if (MessageValues.IsPronoun(value) || MessageValues.StartsWithQuestionWord(value)) return false;

        found.Add(new Statement(kind, 0, end) { Value = value, Topic = topic });
        return true;
    }

    private static int ValueEnd(string body, int start, StatementKind kind)
    {
        var end = body.Length;
        var stop = MessagePatterns.ValueStop().Match(body, start);
        if (stop.Success) end = stop.Index;
        if (kind != StatementKind.Location) return MessageValues.TrimEnd(body, start, end);

        var locationStop = MessagePatterns.LocationStop().Match(body, start);
        if (locationStop.Success && locationStop.Index < end) end = locationStop.Index;
        end = MessageValues.TrimEnd(body, start, end);
        var comma = body.IndexOf(',', start, end - start);
        if (comma >= 0 && !MessagePatterns.PlaceContinuation().IsMatch(body[comma..end]))
            end = MessageValues.TrimEnd(body, start, comma);
        return end;
    }
}
