namespace Orleans.Conversations.Engine;

/// <summary>
/// The keys under which a session remembers what it learned about the user (the rows of <see cref="ContextSlots"/>).
/// They are the <c>key</c> of the <c>ContextUpdated</c> and <c>ContextForgotten</c> events and the property names of
/// the context in the HTTP API.
/// </summary>
public static class ContextKeys
{
    /// <summary>The user's name; a new value replaces the old one.</summary>
    public const string Name = "name";

    /// <summary>Where the user lives or comes from; a new value replaces the old one.</summary>
    public const string Location = "location";

    /// <summary>What the user does for a living; a new value replaces the old one.</summary>
    public const string Job = "job";

    /// <summary>Things the user likes; each update adds one, in order.</summary>
    public const string Likes = "likes";

    /// <summary>The user's pets, each "Rex (dog)", or "Rex" when the kind was not said; each update adds one, in order.</summary>
    public const string Pets = "pets";

    /// <summary>Free-form facts the user asked to be remembered; each update adds one, in order.</summary>
    public const string Facts = "facts";

    /// <summary>The prefix of a favorite: <c>favorite.color</c> holds the user's favorite color.</summary>
    public const string FavoritePrefix = "favorite.";

    /// <summary>The key of the user's favorite <paramref name="topic"/> (lower-cased).</summary>
    public static string Favorite(string topic) => FavoritePrefix + topic.Trim().ToLowerInvariant();
}
