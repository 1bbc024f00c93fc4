using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// "what did I say about X?", "did I mention X?", "when did we talk about X?": quotes what the user said about X and
/// when, from the recent turns and the older messages recalled for the question (naming the other conversation when it
/// was said in another one); says plainly when nothing was found.
/// </summary>
internal sealed class RecallQuestion() : QuestionIntent("recallQuestion")
{
    private const int MaxQuoted = 2;
    private const int MaxQuoteLength = 200;
    private static readonly string[] _recallTail = Lexicon.English.WordList("recallTail");
    private static readonly CompareInfo _compare = CultureInfo.InvariantCulture.CompareInfo;
    private const CompareOptions Folded = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;

    public override Question Read(Match match, int end) =>
        new(this, match.Index, end, Topic(match.Groups["topic"].Value),
            match.Groups["when"].Success ? "when" : match.Groups["check"].Success ? "check" : "");

    public override string Answer(Question question, Asked asked)
    {
        var topic = question.Wording;
        var said = SaidAbout(topic, asked.Request).Take(MaxQuoted).ToList();
        if (said.Count == 0)
            return $"I can't find anything you said about {topic}.";
        var quotes = string.Join(" ", said.Select(Quote));
        return question.Variant == "check" ? $"Yes. {quotes}" : quotes;
    }

    /// <summary>The user's own messages that mention <paramref name="topic"/>: the recalled ones in their order, then the recent ones, newest first.</summary>
    private static IEnumerable<RecalledExcerpt> SaidAbout(string topic, ReplyRequest request)
    {
        var key = Key(topic);
        var recent = (request.RecentTurns ?? []).Where(turn => turn.Role == TurnRoles.User && Mentions(turn.Text, key)).Reverse()
            .Select(turn => new RecalledExcerpt(turn.Role, turn.Text, turn.At, Guid.Empty, null, SameSession: true));
        var kept = new List<RecalledExcerpt>();
        foreach (var excerpt in request.Recalled.Where(excerpt => excerpt.Role == TurnRoles.User).Concat(recent).Where(excerpt => !AsksToRecall(excerpt.Text)))
        {
            if (!kept.Exists(other => IsSameMessage(other, excerpt)))
                kept.Add(excerpt);
        }

        return kept;
    }

    /// <summary>
    /// The same message recalled from the index and found in the recent turns: the index keeps its time to the
    /// microsecond, the session to the tick.
    /// </summary>
    private static bool IsSameMessage(RecalledExcerpt one, RecalledExcerpt other) =>
        one.Text == other.Text && (one.At - other.At).Duration() < TimeSpan.FromMilliseconds(1);

    private static string Quote(RecalledExcerpt excerpt)
    {
        var date = excerpt.At.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var where = excerpt.SameSession ? "" : excerpt.Title is { Length: > 0 } title ? $", in your conversation {Phrasing.Quote(title)}," : ", in another conversation,";
        return $"On {date}{where} you said {Phrasing.Quote(Shortened(excerpt.Text.Trim()))}.";
    }

    private static string Shortened(string text)
    {
        if (text.Length <= MaxQuoteLength)
            return text;
        var cut = MaxQuoteLength;
        if (char.IsHighSurrogate(text[cut - 1]))
            cut--;
        return text[..cut].TrimEnd() + "…";
    }

    /// <summary>Whether a message is itself a recall question: asking about X is not saying something about it.</summary>
    private static bool AsksToRecall(string text) => MessageAnalysis.Of(text).Questions.Any(question => question.Intent is RecallQuestion);

    private static bool Mentions(string text, string key) => key.Length > 0 && _compare.IndexOf(text, key, Folded) >= 0;

    /// <summary>The topic without the words that only point at it: "my trip" is looked for as "trip".</summary>
    private static string Key(string topic)
    {
        var words = topic.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 && words[0].ToLowerInvariant() is "my" or "the" or "a" or "an" or "our" or "that" or "this"
            ? string.Join(' ', words[1..])
            : topic;
    }

    private static string Topic(string raw) => MessageValues.StripTrailingPhrases(MessageValues.Clean(raw), _recallTail);
}
