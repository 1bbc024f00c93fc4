using System.Collections.Frozen;
using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Engine.Embedded;

public sealed partial class RuleBasedReplyGenerator
{
    private static readonly string[] _likeVerbs = Lexicon.English.WordList("likeVerbs");

    /// <summary>Words that open a clause with its subject ("my keys are ...", "the meeting is ...").</summary>
    private static readonly FrozenSet<string> _clauseOpeners = Lexicon.English.Words("clauseOpeners");

    /// <summary>Verbs that make a fact a statement ("mom's birthday is in May"), not a note ("buy milk").</summary>
    private static readonly FrozenSet<string> _clauseVerbs = Lexicon.English.Words("clauseVerbs");

    /// <summary>
    /// Says what the message taught or made the engine forget, only for what is still true once all its changes are
    /// applied. Returns whether the message's greeting was used in the welcome ("Hi, Ada! Nice to meet you.").
    /// </summary>
    private static bool Acknowledge(ReplyRequest request, MessageAnalysis analysis, SessionContext context, List<string> said)
    {
        var changes = request.Changes ?? [];
        var forgotten = changes.Where(change => change.IsForget && change.Value is null && !IsRespelled(change.Key, changes))
            .Select(change => change.Key).Distinct().ToList();
        if (forgotten.Count > 0)
        {
            said.Add(analysis.Statements.Any(s => s.Target == ForgetTarget.Everything)
                ? "Done, I've forgotten everything you told me. We can start fresh."
                : $"Done, I've forgotten {Phrasing.List([.. forgotten.Select(key => ForgottenPhrase(key, analysis.Statements))])}.");
        }

        said.AddRange(analysis.Statements
            .Where(s => s.Intent.Key is null && !WasForgotten(s, forgotten))
            .Select(NothingToForget)
            .Distinct());

        var greetingUsed = false;
        var name = changes.LastOrDefault(change => change.Key == ContextKeys.Name && !change.IsForget)?.Value;
        if (name is not null && name == context.Name)
        {
            greetingUsed = analysis.Greeting is not null;
            said.Add(analysis.Greeting is { } greeting ? $"{greeting}, {name}! Nice to meet you."
                : CallsMe(analysis.Text) ? $"Sure, I'll call you {name}."
                : $"Nice to meet you, {name}!");
        }

        var remembered = RememberedClauses(changes, context, analysis.Text, analysis.Statements);
        if (remembered.Count > 0) said.Add($"I'll remember {Phrasing.Sentences(remembered)}.");
        return greetingUsed;
    }

    /// <summary>"my favorite color is red" over a stored "colour": the old key goes only to make way for the new spelling.</summary>
    private static bool IsRespelled(string key, IReadOnlyList<ContextChange> changes) =>
        key.StartsWith(ContextKeys.FavoritePrefix, StringComparison.Ordinal)
        && changes.Any(change => !change.IsForget && change.Key != key
            && change.Key.StartsWith(ContextKeys.FavoritePrefix, StringComparison.Ordinal)
            && MessageValues.SameTopic(change.Key[ContextKeys.FavoritePrefix.Length..], key[ContextKeys.FavoritePrefix.Length..]));

    private static bool CallsMe(string text) => WordMatch.Contains(text, "call me") || WordMatch.Contains(text, "calls me");

    private static List<string> RememberedClauses(
        IReadOnlyList<ContextChange> changes, SessionContext context, string text, IReadOnlyList<Statement> statements)
    {
        var clauses = new List<string>();
        var likes = new List<string>();
        var likeVerb = "";
        foreach (var change in changes.Where(change => !change.IsForget && change.Key != ContextKeys.Name))
        {
            var value = change.Value!;
            if (change.Key == ContextKeys.Likes && context.Likes.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                var verb = LikeVerb(text, value);
                if (verb != likeVerb) FlushLikes();
                likeVerb = verb;
                if (!likes.Contains(value, StringComparer.OrdinalIgnoreCase)) likes.Add(value);
                continue;
            }

            FlushLikes();
            if (change.Key == ContextKeys.Location && value == context.Location)
                clauses.Add("that " + SaidBack.Location(value, [text]));
            else if (change.Key == ContextKeys.Facts && context.Facts.Contains(value))
                clauses.Add(FactClause(value));
            else if (change.Key.StartsWith(ContextKeys.FavoritePrefix, StringComparison.Ordinal)
                && context.Favorites.TryGetValue(change.Key[ContextKeys.FavoritePrefix.Length..], out var favorite)
                && favorite == value)
            {
                var topic = SpokenTopic(change.Key, statements);
                clauses.Add($"that your {Favorite(text)} {topic} {Phrasing.IsOrAre(topic)} {value}");
            }
            else if (ContextSlots.Of(change.Key) is { Shape: not SlotShape.Topics } slot && Holds(context, slot, value))
            {
                clauses.Add("that " + SaidBack.Clause(slot, value));
            }
        }

        FlushLikes();
        return [.. clauses.Distinct()];

        void FlushLikes()
        {
            if (likes.Count > 0) clauses.Add($"that you {likeVerb} {Phrasing.List(likes)}");
            likes.Clear();
        }
    }

    /// <summary>Whether <paramref name="context"/> still holds <paramref name="value"/> in <paramref name="slot"/> once the message's changes are applied.</summary>
    private static bool Holds(SessionContext context, ContextSlot slot, string value) =>
        slot.Shape == SlotShape.Single ? context.Value(slot.Key) == value : context.List(slot.Key).Contains(value);

    /// <summary>
    /// "to buy milk" reads as "I'll remember to buy milk", a statement as "I'll remember that your keys are in the
    /// drawer", and a note with neither subject nor verb of being ("buy milk", "call mom") in quotes.
    /// </summary>
    private static string FactClause(string fact)
    {
        var reflected = Phrasing.Reflect(fact);
        if (reflected.StartsWith("to ", StringComparison.OrdinalIgnoreCase)) return reflected;
        var words = fact.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var note = words.Length > 0 && char.IsLower(words[0][0]) && !_clauseOpeners.Contains(words[0])
            && !words.Any(word => _clauseVerbs.Contains(word.Trim(MessageValues.TrailingPunctuation)));
        return note ? Phrasing.Quote(fact) : "that " + reflected;
    }

    /// <summary>The verb the user put before a like ("love" in "I love chess"), or "like".</summary>
    private static string LikeVerb(string text, string value)
    {
        var at = WordMatch.IndexOf(text, value);
        if (at < 0) return "like";
        var before = text[Math.Max(0, at - 40)..at].ToLowerInvariant();
        var verb = "like";
        var verbAt = -1;
        foreach (var candidate in _likeVerbs)
        {
            var candidateAt = before.LastIndexOf(candidate, StringComparison.Ordinal);
            if (candidateAt > verbAt) (verb, verbAt) = (candidate, candidateAt);
        }

        return verb;
    }

    /// <summary>The user's own spelling of "favorite".</summary>
    private static string Favorite(string text) =>
        text.Contains("favourite", StringComparison.OrdinalIgnoreCase) ? "favourite" : "favorite";

    private static string ForgottenPhrase(string key, IReadOnlyList<Statement> statements) =>
        key.StartsWith(ContextKeys.FavoritePrefix, StringComparison.Ordinal)
            ? "your favorite " + SpokenTopic(key, statements)
            : ContextSlots.Of(key)?.Spoken ?? key;

    /// <summary>The topic of a favorite key as this message spells it ("color" for a stored "colour"), else as stored.</summary>
    private static string SpokenTopic(string favoriteKey, IReadOnlyList<Statement> statements)
    {
        var stored = favoriteKey[ContextKeys.FavoritePrefix.Length..];
        return statements.FirstOrDefault(s => s.Topic.Length > 0 && MessageValues.SameTopic(s.Topic, stored))?.Topic ?? stored;
    }

    private static bool WasForgotten(Statement statement, List<string> forgotten) => statement.Target switch
    {
        ForgetTarget.Everything => forgotten.Count > 0,
        ForgetTarget.Slot => forgotten.Contains(statement.Key),
        ForgetTarget.AllFavorites => forgotten.Any(key => key.StartsWith(ContextKeys.FavoritePrefix, StringComparison.Ordinal)),
        _ => forgotten.Any(key => key.StartsWith(ContextKeys.FavoritePrefix, StringComparison.Ordinal)
            && MessageValues.SameTopic(key[ContextKeys.FavoritePrefix.Length..], statement.Topic)),
    };

    private static string NothingToForget(Statement statement) => statement.Target switch
    {
        ForgetTarget.Everything => "There's nothing to forget: I don't know anything about you yet.",
        ForgetTarget.Slot when statement.Key == ContextKeys.Facts => "You hadn't asked me to remember anything, so there's nothing to forget.",
        ForgetTarget.Slot => $"I didn't know {ContextSlots.Of(statement.Key)!.Spoken} anyway, so there's nothing to forget.",
        ForgetTarget.AllFavorites => "I didn't know any of your favorites anyway, so there's nothing to forget.",
        _ => $"I didn't know your favorite {statement.Topic} anyway, so there's nothing to forget.",
    };
}
