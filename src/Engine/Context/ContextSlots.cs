namespace Orleans.Conversations.Engine;

/// <summary>
/// The slot table: everything a session can remember, one row a slot, in the order the context is shown (its JSON,
/// "what do you know about me", the model's system message). A new thing to remember is a new row here.
/// </summary>
public static class ContextSlots
{
    /// <summary>The user's name.</summary>
    public static ContextSlot Name { get; } =
        new(ContextKeys.Name, SlotShape.Single, 1, "name", "your name", "your name is {0}");

    /// <summary>Where the user lives or comes from.</summary>
    public static ContextSlot Location { get; } =
        new(ContextKeys.Location, SlotShape.Single, 1, "lives in / is from", "where you live", "you live in {0}");

    /// <summary>What the user does for a living.</summary>
    public static ContextSlot Job { get; } =
        new(ContextKeys.Job, SlotShape.Single, 1, "works as", "what you do for a living", "you work as {0}");

    /// <summary>What the user likes.</summary>
    public static ContextSlot Likes { get; } =
        new(ContextKeys.Likes, SlotShape.List, SessionContext.MaxLikes, "likes", "what you like", "you like {0}");

    /// <summary>The user's pets.</summary>
    public static ContextSlot Pets { get; } =
        new(ContextKeys.Pets, SlotShape.List, SessionContext.MaxPets, "pets", "your pets", "you have {0}");

    /// <summary>The user's favorites, by topic.</summary>
    public static ContextSlot Favorites { get; } =
        new(ContextKeys.FavoritePrefix, SlotShape.Topics, SessionContext.MaxFavorites, "favorite", "your favorites", "your favorite {0}");

    /// <summary>What the user asked to be remembered.</summary>
    public static ContextSlot Facts { get; } =
        new(ContextKeys.Facts, SlotShape.List, SessionContext.MaxFacts, "asked you to remember", "what you asked me to remember", "you asked me to remember {0}");

    private static readonly ContextSlot[] _all = [Name, Location, Job, Likes, Pets, Favorites, Facts];

    /// <summary>Every slot, in the order the context is shown.</summary>
    public static IReadOnlyList<ContextSlot> All => _all;

    /// <summary>The slot that remembers <paramref name="key"/>, or null for a key no slot holds.</summary>
    public static ContextSlot? Of(string key)
    {
        foreach (var slot in _all)
        {
            if (slot.Holds(key)) return slot;
        }

        return null;
    }
}
