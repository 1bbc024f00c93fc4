namespace Orleans.Conversations.Engine.Embedded;

/// <summary>How the embedded replies say back what is remembered, slot by slot (see <see cref="ContextSlot.SaidBack"/>).</summary>
internal static class SaidBack
{
    /// <summary>
    /// The most items of a list one answer says back: the latest ones, then how many more there are, so that an answer
    /// stays short however much is remembered.
    /// </summary>
    public const int MaxListed = 10;

    /// <summary>Everything remembered, in the order of the slot table, each value exactly as the user wrote it.</summary>
    public static string Everything(SessionContext context, ReplyRequest request)
    {
        if (context.IsEmpty)
        {
            return "I don't know anything about you yet. Tell me your name, where you live or what you like, "
                + "and I'll remember it.";
        }

        var items = new List<string>();
        foreach (var slot in ContextSlots.All)
        {
            if (slot.Shape == SlotShape.Topics) items.AddRange(Favorites(context));
            else if (slot.Shape == SlotShape.Single && context.Value(slot.Key) is { } value) items.Add(Single(slot, value, request));
            else if (slot.Shape == SlotShape.List && context.List(slot.Key) is { IsEmpty: false } list) items.Add(List(slot, list));
        }

        return $"Here's what I know about you: {Phrasing.Sentences(items)}.";
    }

    /// <summary>
    /// "your favorite color is blue", or "your favourite colour is blue" for a topic spelled the British way, by topic:
    /// the latest <see cref="MaxListed"/> told, then how many more.
    /// </summary>
    public static List<string> Favorites(SessionContext context)
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

    /// <summary>"you're from São Paulo" if the user said "from" before the place, otherwise "you live in London".</summary>
    public static string Location(string location, IEnumerable<string> saidByUser) =>
        saidByUser.FirstOrDefault(text => WordMatch.Contains(text, location)) is { } text
        && WordMatch.Contains(text, "from " + location)
            ? $"you're from {location}"
            : $"you live in {location}";

    /// <summary>The user's messages, newest first: this one, then the recent ones.</summary>
    public static IEnumerable<string> SaidByUser(ReplyRequest request) =>
        new[] { request.Text ?? "" }.Concat((request.RecentTurns ?? [])
            .Where(turn => turn.Role == TurnRoles.User)
            .Select(turn => turn.Text)
            .Reverse());

    /// <summary>"Rex (dog)" said back as "a dog called Rex"; a pet of no kind as "a pet called Rex".</summary>
    public static string Pet(string pet)
    {
        var (name, kind) = PetParts(pet);
        return $"{Phrasing.Article(kind)} {kind} called {name}";
    }

    /// <summary>The name and kind of a pet as the context keeps it ("Rex (dog)"); "pet" when no kind was said.</summary>
    public static (string Name, string Kind) PetParts(string pet)
    {
        var open = pet.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && pet.EndsWith(')') ? (pet[..open], pet[(open + 2)..^1]) : (pet, "pet");
    }

    /// <summary>One value of <paramref name="slot"/> said back in its sentence: "you work as a nurse", "you have a dog called Rex".</summary>
    public static string Clause(ContextSlot slot, string value) => Said(slot, Item(slot, value));

    private static string Single(ContextSlot slot, string value, ReplyRequest request) =>
        slot.Key == ContextKeys.Location ? Location(value, SaidByUser(request)) : Clause(slot, value);

    private static string List(ContextSlot slot, IReadOnlyList<string> items) =>
        Said(slot, Phrasing.ListLatest([.. items.Select(item => Item(slot, item))], MaxListed, slot.Key == ContextKeys.Pets ? "pet" : "thing"));

    /// <summary>A value as said back: a job with its article, a pet by kind and name, a fact in quotes.</summary>
    private static string Item(ContextSlot slot, string value) => slot.Key switch
    {
        ContextKeys.Job => Phrasing.Job(value),
        ContextKeys.Pets => Pet(value),
        ContextKeys.Facts => Phrasing.Quote(value),
        _ => value,
    };

    private static string Said(ContextSlot slot, string value) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, slot.SaidBack, value);
}
