using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// What a reply needs to know about a user message: its statements, and in the rest of it (the statements blanked out,
/// so "forget what I like" is not read as "what do I like") its questions, greeting, thanks or goodbye.
/// </summary>
internal sealed class MessageAnalysis
{
    private const int MaxContinuations = 8;

    /// <summary>Words that, after a favorite question, are fillers or pronouns rather than another topic.</summary>
    private static readonly FrozenSet<string> _notATopic = Lexicon.English.Words("notATopic");

    private MessageAnalysis(string text, IReadOnlyList<Statement> statements)
    {
        Text = text;
        Statements = statements;
    }

    /// <summary>The message, normalized (see <see cref="MessageValues.Normalize"/>).</summary>
    public string Text { get; }

    /// <summary>The statements, in order.</summary>
    public IReadOnlyList<Statement> Statements { get; }

    /// <summary>The questions, in the order they are asked; at most one of each kind and wording.</summary>
    public IReadOnlyList<Question> Questions { get; private set; } = [];

    /// <summary>The greeting that opens the message, ready to say back ("Hello", "Good morning"), or null.</summary>
    public string? Greeting { get; private set; }

    /// <summary>The goodbye that opens the message, ready to say back ("Goodbye", "Good night"), or null.</summary>
    public string? Farewell { get; private set; }

    /// <summary>Whether the message thanks.</summary>
    public bool Thanks { get; private set; }

    /// <summary>Whether the message asks something beyond its greeting, even if no known question matched.</summary>
    public bool AsksSomething { get; private set; }

    /// <summary>Reads <paramref name="text"/>. Never throws: a message too odd to read is treated as plain chat.</summary>
    public static MessageAnalysis Of(string? text)
    {
        var normalized = MessageValues.Normalize(text);
        var analysis = new MessageAnalysis(normalized, MessageParser.Parse(normalized));
        try
        {
            analysis.ReadRest(Blank(normalized, analysis.Statements));
        }
        catch (RegexMatchTimeoutException)
        {
            // Answer as if nothing was asked.
        }

        return analysis;
    }

    private static string Blank(string text, IReadOnlyList<Statement> statements)
    {
        var chars = text.ToCharArray();
        foreach (var statement in statements)
        {
            for (var i = statement.Start; i < statement.End && i < chars.Length; i++) chars[i] = ' ';
        }

        return new string(chars);
    }

    private void ReadRest(string rest)
    {
        var greeting = MessagePatterns.Greeting().Match(rest);
        Greeting = greeting.Success ? GreetingReply(greeting.Groups["greeting"].Value) : null;
        var farewell = MessagePatterns.Farewell().Match(rest);
        Farewell = farewell.Success ? FarewellReply(farewell.Groups["farewell"].Value) : null;
        Thanks = MessagePatterns.Thanks().IsMatch(rest);
        Questions = FindQuestions(rest);

        var remainder = MessagePatterns.Thanks().Replace(rest[(greeting.Success ? greeting.Length : 0)..], " ");
        AsksSomething = remainder.Any(char.IsLetter) && MessagePatterns.AsksSomething().IsMatch(remainder.Trim());
    }

    private static List<Question> FindQuestions(string rest)
    {
        var found = new List<Question>();
        foreach (var intent in Intents.Questions)
        {
            foreach (var match in MessagePatterns.Guarded(intent.Pattern, rest, intent.Holds))
            {
                var question = ToQuestion(intent, match);
                var overlaps = found.Any(q => q.Start < question.End && question.Start < q.End);
                var repeated = found.Any(q => q.Intent == intent
                    && string.Equals(q.Wording, question.Wording, StringComparison.OrdinalIgnoreCase));
                if (!overlaps && !repeated) found.Add(question);
            }
        }

        return WithContinuations(rest, [.. found.OrderBy(q => q.Start)]);
    }

    /// <summary>
    /// The questions, each followed by those that go on from it without their own question word: "what is my name and
    /// where I live", "what is my favorite color and food".
    /// </summary>
    private static List<Question> WithContinuations(string rest, List<Question> asked)
    {
        var all = new List<Question>();
        for (var i = 0; i < asked.Count; i++)
        {
            var question = asked[i];
            all.Add(question);
            var next = i + 1 < asked.Count ? asked[i + 1].Start : rest.Length;
            for (var continuations = 0; continuations < MaxContinuations && question.End < next
                 && Continuation(rest[question.End..next], question) is { } continued; continuations++)
            {
                question = continued with { Start = continued.Start + question.End, End = continued.End + question.End };
                if (!all.Any(q => q.Intent == question.Intent && string.Equals(q.Wording, question.Wording, StringComparison.OrdinalIgnoreCase)))
                    all.Add(question);
            }
        }

        return all;
    }

    /// <summary>The question that <paramref name="text"/> opens by going on from <paramref name="previous"/>, or null.</summary>
    private static Question? Continuation(string text, Question previous)
    {
        var match = MessagePatterns.ContinuedQuestion().Match(text);
        if (match.Success)
        {
            var intent = match.Groups["name"].Success ? Intents.Name
                : match.Groups["location"].Success ? Intents.Location
                : match.Groups["likes"].Success ? Intents.Likes
                : Intents.Favorite;
            return ToQuestion(intent, match);
        }

        if (previous.Intent != Intents.Favorite) return null;
        var topic = MessagePatterns.ContinuedFavoriteTopic().Match(text);
        if (!topic.Success) return null;
        var value = topic.Groups["topic"].Value;
        if (MessageValues.IsPronoun(value) || MessageValues.StartsWithQuestionWord(value) || IsNotATopic(value)) return null;
        // After a bare comma, a word is a filler or a name the user is addressed by ("..., Ada?") unless "my" says otherwise.
        var join = text[..topic.Groups["topic"].Index];
        if (!join.Contains('&') && !WordMatch.Contains(join, "and") && !WordMatch.Contains(join, "plus") && !WordMatch.Contains(join, "my"))
            return null;
        return ToQuestion(Intents.Favorite, topic) with { Variant = previous.Variant };
    }

    private static bool IsNotATopic(string word) => _notATopic.Contains(word);

    private static Question ToQuestion(QuestionIntent intent, Match match)
    {
        var after = match.Groups["after"];
        return intent.Read(match, after.Success ? after.Index : match.Index + match.Length);
    }

    private static string GreetingReply(string greeting)
    {
        var words = string.Join(' ', greeting.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return words switch
        {
            "hi" or "hiya" => "Hi",
            "hey" or "yo" => "Hey",
            "howdy" => "Howdy",
            "greetings" => "Greetings",
            "morning" => "Good morning",
            "afternoon" => "Good afternoon",
            "evening" => "Good evening",
            _ when words.StartsWith("good ", StringComparison.Ordinal) => "Good " + words[5..],
            _ => "Hello",
        };
    }

    private static string FarewellReply(string farewell) =>
        farewell.Contains("night", StringComparison.OrdinalIgnoreCase) ? "Good night" : "Goodbye";
}
