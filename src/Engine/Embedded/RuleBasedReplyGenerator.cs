using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// The embedded, offline reply generator. It acknowledges what a message taught or asked to forget, answers
/// questions about what it remembers (name, place, likes, favorites, facts, the first message, how many messages),
/// returns greetings, thanks and goodbyes with the user's name when it knows it, says plainly when it does not know
/// something yet and invites the user to tell it, and otherwise answers briefly in a way that shows it listened.
/// Deterministic (no randomness, no clock); never empty; never throws.
/// </summary>
public sealed partial class RuleBasedReplyGenerator : IReplyGenerator
{
    private const int MaxTopicLength = 100;

    /// <inheritdoc />
    /// <remarks>Completes synchronously: everything the reply needs is in <paramref name="request"/>.</remarks>
    public Task<string> GenerateReplyAsync(ReplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return Task.FromResult(Reply(request));
        }
        catch (RegexMatchTimeoutException)
        {
            return Task.FromResult($"I'm listening{Phrasing.Address(request.Context?.Name)}. Tell me more!");
        }
    }

    /// <inheritdoc />
    /// <remarks>The same reply as <see cref="GenerateReplyAsync"/>, a word at a time, so that streaming works offline.</remarks>
    public async IAsyncEnumerable<string> StreamReplyAsync(ReplyRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reply = await GenerateReplyAsync(request, cancellationToken);
        foreach (var piece in ReplyPieces.Words(reply))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return piece;
        }
    }

    private static string Reply(ReplyRequest request)
    {
        var analysis = request.Interpretation.Reading ?? MessageAnalysis.Of(request.Text);
        var context = request.Context ?? SessionContext.Empty;
        var body = new List<string>();
        var greetingUsed = Acknowledge(request, analysis, context, body);
        body.AddRange(analysis.Questions.Select(question => Answer(question, request, analysis, context)));
        if (body.Count == 0 && analysis.AsksSomething) body.Add(DoNotKnowThat(context.Name));

        var addressed = MentionsName(body, context.Name) ? null : context.Name;
        var reply = new List<string>();
        if (analysis.Thanks) reply.Add($"You're welcome{Phrasing.Address(addressed)}!");
        else if (analysis.Greeting is { } greeting && !greetingUsed) reply.Add($"{greeting}{Phrasing.Address(addressed)}!");
        if (reply.Count > 0) addressed = null;

        reply.AddRange(body);
        if (analysis.Farewell is { } farewell) reply.Add(Goodbye(farewell, addressed, context));
        else if (body.Count == 0 && reply.Count > 0) reply.Add(FollowUp(analysis, context));
        if (reply.Count == 0) reply.Add(Listening(request, analysis, context));
        return string.Join(' ', reply);
    }

    private static bool MentionsName(List<string> said, string? name) =>
        name is not null && said.Any(sentence => WordMatch.Contains(sentence, name, StringComparison.Ordinal));

    private static string DoNotKnowThat(string? name) =>
        $"I don't know that yet{Phrasing.Address(name)}, but if you tell me, I'll remember it.";

    private static string Goodbye(string farewell, string? addressed, SessionContext context) =>
        context.IsEmpty
            ? $"{farewell}{Phrasing.Address(addressed)}! It was nice talking with you."
            : $"{farewell}{Phrasing.Address(addressed)}! I'll keep in mind what you told me.";

    private static string FollowUp(MessageAnalysis analysis, SessionContext context) =>
        analysis.Thanks ? "Is there anything else on your mind?"
        : context.Name is null ? "What should I call you?"
        : "What's on your mind?";

    /// <summary>Anything else: show that the message was heard, by its topic when short enough to say back.</summary>
    private static string Listening(ReplyRequest request, MessageAnalysis analysis, SessionContext context)
    {
        var address = Phrasing.Address(context.Name);
        var turn = Math.Abs(request.PreviousUserMessageCount % 3);
        var (clause, aboutSelf) = TopicOf(analysis.Text);
        if (clause is not null && aboutSelf)
        {
            var topic = Phrasing.Reflect(clause);
            return turn switch
            {
                0 => $"So {topic}? Tell me more{address}.",
                1 => $"Interesting{address}: {topic}. What else can you tell me?",
                _ => $"I hear you{address}: {topic}. How do you feel about that?",
            };
        }

        if (clause is not null) return $"You said {Phrasing.Quote(clause)}. Tell me more{address}!";
        if (context.IsEmpty)
        {
            return "I'm listening! Tell me a little about yourself (your name, where you live, what you like) "
                + "and I'll remember it.";
        }

        return turn switch
        {
            0 => $"I'm listening{address}. Tell me more!",
            1 => $"Go on{address}, I'm all ears.",
            _ => $"I hear you{address}. What else is on your mind?",
        };
    }

    /// <summary>
    /// The first sentence of the message short enough to say back (two to twelve words, at most 100 characters), and whether it opens with a
    /// subject ("I went hiking today") so that it can be said from the engine's side ("you went hiking today").
    /// </summary>
    private static (string? Clause, bool AboutSelf) TopicOf(string text)
    {
        foreach (var sentence in text.Split(['.', '!', '?', '\n', ';', '…'], StringSplitOptions.RemoveEmptyEntries))
        {
            var filler = MessagePatterns.LeadingFiller().Match(sentence);
            var clause = MessageValues.Clean(sentence[filler.Length..]);
            var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length is >= 2 and <= 12 && clause.Length <= MaxTopicLength
                && words.Count(word => word.Any(char.IsLetter)) >= 2)
                return (clause, Phrasing.StartsWithSubject(clause));
        }

        return (null, false);
    }
}
