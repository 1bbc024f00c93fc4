using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>The statement readers: each matches its pattern at the start of a clause and reads the value after it.</summary>
internal static partial class MessageParser
{
    private const int MaxValueLength = 120;
    private const int MaxFactLength = 1000;

    private const int MaxShortItemWords = 6;

    private static readonly FrozenSet<string> _listConjunctions = Lexicon.English.Words("listConjunctions");

    private static readonly FrozenSet<string> _subjectWords = Lexicon.English.Words("subjectWords");

    /// <summary>Words that make an item after ", and" a clause of its own ("and then went home"), not a list item.</summary>
    private static readonly FrozenSet<string> _clauseWords = Lexicon.English.Words("clauseWords");

    private static readonly string[] _likeTail = Lexicon.English.WordList("likeTail");

    private static readonly string[] _locationTail = Lexicon.English.WordList("locationTail");

    private static readonly string[] _factTail = Lexicon.English.WordList("factTail");

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

    private static bool TryForget(string body, List<Statement> found)
    {
        var lead = MessagePatterns.ForgetLead().Match(body);
        if (!lead.Success) return false;

        var pos = lead.Length;
        while (pos < body.Length)
        {
            var rest = body[pos..];
            var target = MessagePatterns.ForgetTarget().Match(rest);
            if (!target.Success || !MessagePatterns.ForgetTargetHolds(target, rest)) break;

            var after = target.Groups["after"];
            pos += after.Success ? after.Index : target.Length;
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
        : target.Groups["job"].Success ? ForgetTarget.Job
        : target.Groups["pets"].Success ? ForgetTarget.Pets
        : target.Groups["favorites"].Success ? ForgetTarget.AllFavorites
        : target.Groups["favorite"].Success ? ForgetTarget.Favorite
        : ForgetTarget.Facts;

    private static bool TryFact(string body, bool polite, List<Statement> found)
    {
        var lead = MessagePatterns.FactLead().Match(body);
        if (!lead.Success) return false;

        var start = MessageValues.SkipLeading(body, lead.Length);
        var end = MessageValues.TrimEnd(body, start, body.Length);
        var whole = MessageValues.Clean(body[start..end].TrimStart(','));
        var value = MessageValues.StripTrailingPhrases(whole, _factTail);
        var tagQuestion = value.Length < whole.Length;
        if (MessageValues.IsQuestionAfter(body, end) && !polite && !tagQuestion) return false;

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

    private static bool TryJob(string body, List<Statement> found)
    {
        var byProfession = MessagePatterns.JobByProfession().Match(body);
        if (byProfession.Success)
        {
            var job = MessageValues.Clean(byProfession.Groups["value"].Value);
            if (job.Length == 0 || job.Length > MaxValueLength || MessageValues.IsPronoun(job)) return false;
            found.Add(new Statement(StatementKind.Job, 0, byProfession.Length) { Value = job });
            return true;
        }

        var lead = MessagePatterns.JobLead().Match(body);
        return lead.Success && TryValue(body, lead.Length, StatementKind.Job, _locationTail, found);
    }

    /// <summary>"I have a dog called Rex": the name read as a name is, the kind as the topic ("" for a plain "pet").</summary>
    private static bool TryPet(string body, bool allCaps, List<Statement> found)
    {
        var lead = MessagePatterns.PetLead().Match(body);
        if (!lead.Success) return false;

        var start = MessageValues.SkipLeading(body, lead.Length);
        var name = NameRules.Read(body, start, NameForm.Explicit, allCaps, out var end);
        if (name is null || MessageValues.IsQuestionAfter(body, end)) return false;

        var kind = string.Join(' ', lead.Groups["kind"].Value.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        found.Add(new Statement(StatementKind.Pet, 0, end) { Value = name, Topic = kind == "pet" ? "" : kind });
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

        var value = MessageValues.StripTrailingPhrases(MessageValues.StripTrailingSymbols(MessageValues.Clean(body[start..end])), tail);
        if (value.Length == 0 || value.Length > MaxValueLength) return false;
        if (MessageValues.IsPronoun(value) || MessageValues.StartsWithQuestionWord(value)) return false;

        found.Add(new Statement(kind, 0, end) { Value = value, Topic = topic });
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

    private static int ValueEnd(string body, int start, StatementKind kind)
    {
        var end = body.Length;
        var stop = MessagePatterns.ValueStop().Match(body, start);
        while (stop.Success && IsLastItemOfList(body, start, stop))
            stop = MessagePatterns.ValueStop().Match(body, stop.Index + stop.Length);
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
