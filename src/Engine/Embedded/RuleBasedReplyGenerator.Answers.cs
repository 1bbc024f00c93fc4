using System.Collections.Frozen;
using System.Globalization;
using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Engine.Embedded;

public sealed partial class RuleBasedReplyGenerator
{
    /// <summary>
    /// The most likes, favorites or facts one answer lists: the latest ones, then how many more there are, so that an
    /// answer stays short however much is remembered.
    /// </summary>
    public const int MaxListed = 10;

    private const string AboutMe =
        "I'm a conversation companion that runs entirely on my own, no internet needed. Tell me your name, where you "
        + "live, what you like or your favorite things, or ask me to remember something, and I'll keep it in mind. "
        + "You can ask me what I remember, or tell me to forget something, at any time.";

    private static readonly string[] _thingTail = Lexicon.English.WordList("thingTail");

    private static string Answer(Question question, ReplyRequest request, MessageAnalysis analysis, SessionContext context) =>
        question.Kind switch
        {
            QuestionKind.Name => context.Name is { } name
                ? question.Variant == "who" ? $"You're {name}." : $"Your name is {name}."
                : "I don't know your name yet. What should I call you?",
            QuestionKind.NameCheck => NameCheck(question.Wording, context.Name),
            QuestionKind.Location => Location(question.Wording, context, request),
            QuestionKind.Likes => Likes(question.Wording is "" ? "like" : question.Wording, context),
            QuestionKind.LikeCheck => LikeCheck(question.Wording, question.Variant, context),
            QuestionKind.Favorite => Favorite(question, context),
            QuestionKind.AllFavorites => context.Favorites.IsEmpty
                ? "I don't know any of your favorites yet. What's your favorite color?"
                : Phrasing.Capitalize(Phrasing.Sentences(FavoriteClauses(context))) + ".",
            QuestionKind.Memory => Memory(context, request),
            QuestionKind.FirstMessage => FirstMessage(request.FirstUserMessage, analysis.Text),
            QuestionKind.LastMessage => LastMessage(request),
            QuestionKind.MessageCount => MessageCount(request.PreviousUserMessageCount),
            QuestionKind.Job => context.Job is { } job
                ? $"You work as {Phrasing.Job(job)}."
                : "I don't know what you do for a living yet. What's your job?",
            QuestionKind.Pets => context.Pets.IsEmpty
                ? "You haven't told me about any pets yet. Do you have one?"
                : $"You have {Phrasing.ListLatest([.. context.Pets.Select(PetPhrase)], MaxListed, "pet")}.",
            QuestionKind.PetName => PetName(question, context),
            QuestionKind.HowAreYou => $"I'm doing well, thanks for asking{Phrasing.Address(context.Name)}! How are you?",
            QuestionKind.AboutYou => AboutMe,
            _ => AboutMyThing(question.Wording, context),
        };

    private static string NameCheck(string candidate, string? name) =>
        name is null ? "I don't know your name yet. What should I call you?"
        : WordMatch.Contains(candidate, name) || WordMatch.Contains(name, candidate) ? $"Yes, your name is {name}."
        : $"No, your name is {name}.";

    private static string Location(string verb, SessionContext context, ReplyRequest request)
    {
        var asksFrom = verb.Contains("from", StringComparison.Ordinal);
        if (context.Location is not { } location)
        {
            return asksFrom
                ? "I don't know where you're from yet. Where are you from?"
                : "I don't know where you live yet. Where's home for you?";
        }

        if (asksFrom) return $"You're from {location}.";
        return verb.Length > 0 ? $"You live in {location}." : Phrasing.Capitalize(LocationClause(location, SaidByUser(request))) + ".";
    }

    private static string Likes(string verb, SessionContext context) =>
        context.Likes.IsEmpty
            ? $"I don't know what you {verb} yet. Tell me something you enjoy!"
            : $"You {verb} {Phrasing.ListLatest(context.Likes, MaxListed, "thing")}.";

    private static string LikeCheck(string thing, string verb, SessionContext context)
    {
        var known = context.Likes.FirstOrDefault(like => WordMatch.Overlap(like, thing));
        if (known is not null) return $"Yes! You told me you {verb} {known}.";
        if (context.Likes.IsEmpty) return $"I don't know whether you {verb} {thing} yet. Do you?";
        return $"You haven't told me that you {verb} {thing}. So far I know you like {Phrasing.ListLatest(context.Likes, MaxListed, "thing")}.";
    }

    private static string Favorite(Question question, SessionContext context)
    {
        var spelling = question.Variant == "favourite" ? "favourite" : "favorite";
        return FavoriteLookup.Find(context, question.Wording) is { } topic
            ? $"Your {spelling} {question.Wording} {Phrasing.IsOrAre(question.Wording)} {context.Favorites[topic]}."
            : $"I don't know your {spelling} {question.Wording} yet. What is it?";
    }

    /// <summary>
    /// "your favorite color is blue", or "your favourite colour is blue" for a topic spelled the British way, by topic:
    /// the latest <see cref="MaxListed"/> told, then how many more.
    /// </summary>
    private static List<string> FavoriteClauses(SessionContext context)
    {
        var topics = context.FavoriteTopicsOldestFirst();
        var latest = topics.Skip(topics.Count - MaxListed).ToHashSet(StringComparer.Ordinal);
        List<string> clauses = [.. context.Favorites.Where(favorite => latest.Contains(favorite.Key))
            .Select(favorite => MessageValues.IsBritishSpelling(favorite.Key)
                ? $"your favourite {favorite.Key} {Phrasing.IsOrAre(favorite.Key)} {favorite.Value}"
                : $"your favorite {favorite.Key} {Phrasing.IsOrAre(favorite.Key)} {favorite.Value}")];
        if (topics.Count > MaxListed) clauses.Add(Phrasing.More(topics.Count - MaxListed, "favorite"));
        return clauses;
    }

    /// <summary>Everything remembered, each value exactly as the user wrote it; of each list the latest <see cref="MaxListed"/>.</summary>
    private static string Memory(SessionContext context, ReplyRequest request)
    {
        if (context.IsEmpty)
        {
            return "I don't know anything about you yet. Tell me your name, where you live or what you like, "
                + "and I'll remember it.";
        }

        var items = new List<string>();
        if (context.Name is { } name) items.Add($"your name is {name}");
        if (context.Location is { } location) items.Add(LocationClause(location, SaidByUser(request)));
        if (context.Job is { } job) items.Add($"you work as {Phrasing.Job(job)}");
        if (!context.Likes.IsEmpty) items.Add($"you like {Phrasing.ListLatest(context.Likes, MaxListed, "thing")}");
        if (!context.Pets.IsEmpty) items.Add($"you have {Phrasing.ListLatest([.. context.Pets.Select(PetPhrase)], MaxListed, "pet")}");
        items.AddRange(FavoriteClauses(context));
        if (!context.Facts.IsEmpty) items.Add($"you asked me to remember {Phrasing.ListLatest([.. context.Facts.Select(Phrasing.Quote)], MaxListed, "thing")}");
        return $"Here's what I know about you: {Phrasing.Sentences(items)}.";
    }

    /// <summary>The user's messages, newest first: this one, then the recent ones.</summary>
    private static IEnumerable<string> SaidByUser(ReplyRequest request) =>
        new[] { request.Text ?? "" }.Concat((request.RecentTurns ?? [])
            .Where(turn => turn.Role == TurnRoles.User)
            .Select(turn => turn.Text)
            .Reverse());

    private static string FirstMessage(string? first, string text) =>
        first is null ? $"This is your first message: {Phrasing.Quote(text.Trim())}."
        : string.IsNullOrWhiteSpace(first) ? "Your first message was empty."
        : $"Your first message was {Phrasing.Quote(first.Trim())}.";

    private static string LastMessage(ReplyRequest request) =>
        (request.RecentTurns ?? []).LastOrDefault(turn => turn.Role == TurnRoles.User) is { } last
            ? $"You just said {Phrasing.Quote(last.Text.Trim())}."
            : "This is your first message, so there's nothing before it.";

    private static string MessageCount(int previous)
    {
        var count = Math.Max(0, previous);
        var digits = count.ToString(CultureInfo.InvariantCulture);
        return count switch
        {
            0 => "You've sent 0 messages before this one: this is your first.",
            1 => "You've sent 1 message before this one.",
            _ => $"You've sent {digits} messages before this one.",
        };
    }

    /// <summary>"what's my dog's name": the latest pet of that kind, else as any other question about the user's things.</summary>
    private static string PetName(Question question, SessionContext context)
    {
        var suffix = $" ({question.Wording})";
        var pet = question.Wording == "pet"
            ? context.Pets.LastOrDefault()
            : context.Pets.LastOrDefault(item => item.EndsWith(suffix, StringComparison.Ordinal));
        return pet is null ? AboutMyThing(question.Variant, context) : $"Your {question.Wording} is called {PetParts(pet).Name}.";
    }

    /// <summary>"Rex (dog)" said back as "a dog called Rex"; a pet of no kind as "a pet called Rex".</summary>
    private static string PetPhrase(string pet)
    {
        var (name, kind) = PetParts(pet);
        return $"{Phrasing.Article(kind)} {kind} called {name}";
    }

    /// <summary>The name and kind of a pet as the context keeps it ("Rex (dog)"); "pet" when no kind was said.</summary>
    private static (string Name, string Kind) PetParts(string pet)
    {
        var open = pet.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && pet.EndsWith(')') ? (pet[..open], pet[(open + 2)..^1]) : (pet, "pet");
    }

    /// <summary>"what is my dog's name": answered from a remembered fact that mentions it, if any.</summary>
    private static string AboutMyThing(string thing, SessionContext context)
    {
        thing = MessageValues.StripTrailingPhrases(thing, _thingTail);
        var head = MessageValues.FirstWord(thing).Replace("'s", "", StringComparison.Ordinal).Replace("’s", "", StringComparison.Ordinal);
        var fact = context.Facts.FirstOrDefault(f => WordMatch.Contains(f, thing))
            ?? (head.Length >= 3 ? context.Facts.FirstOrDefault(f => WordMatch.Overlap(f, head)) : null);
        return fact is not null
            ? $"You told me {Phrasing.Quote(fact)}."
            : $"I don't know your {thing} yet{Phrasing.Address(context.Name)}. Tell me, and I'll remember it.";
    }
}
