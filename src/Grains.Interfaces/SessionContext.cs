using System.Collections.Immutable;

namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>What a session remembers about its user. Immutable: every change returns a new context.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionContext
{
    /// <summary>A context that remembers nothing.</summary>
    public static SessionContext Empty { get; } = new();

    /// <summary>The user's name, if told.</summary>
    [Id(0)] public string? Name { get; init; }

    /// <summary>Where the user lives or comes from, if told.</summary>
    [Id(1)] public string? Location { get; init; }

    /// <summary>Things the user said they like, oldest first.</summary>
    [Id(2)] public ImmutableList<string> Likes { get; init; } = [];

    /// <summary>Favorites by topic (lower-case), such as <c>color</c> → <c>blue</c>.</summary>
    [Id(3)] public ImmutableSortedDictionary<string, string> Favorites { get; init; } =
        ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Facts the user asked to be remembered, oldest first.</summary>
    [Id(4)] public ImmutableList<string> Facts { get; init; } = [];

    /// <summary>Whether nothing at all is remembered.</summary>
    public bool IsEmpty => Name is null && Location is null && Likes.IsEmpty && Favorites.IsEmpty && Facts.IsEmpty;

    /// <summary>The keys (see <see cref="ContextKeys"/>) that currently hold something.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            if (Name is not null) yield return ContextKeys.Name;
            if (Location is not null) yield return ContextKeys.Location;
            if (!Likes.IsEmpty) yield return ContextKeys.Likes;
            foreach (var topic in Favorites.Keys) yield return ContextKeys.FavoritePrefix + topic;
            if (!Facts.IsEmpty) yield return ContextKeys.Facts;
        }
    }

    /// <summary>
    /// Remembers <paramref name="value"/> under <paramref name="key"/>: replaces a single value, or adds to a list
    /// unless the list already holds it (compared case-insensitively). Unknown keys are ignored.
    /// </summary>
    public SessionContext With(string key, string value) => key switch
    {
        ContextKeys.Name => this with { Name = value },
        ContextKeys.Location => this with { Location = value },
        ContextKeys.Likes => this with { Likes = AddDistinct(Likes, value) },
        ContextKeys.Facts => this with { Facts = AddDistinct(Facts, value) },
        _ when key.StartsWith(ContextKeys.FavoritePrefix, StringComparison.Ordinal) && key.Length > ContextKeys.FavoritePrefix.Length
            => this with { Favorites = Favorites.SetItem(key[ContextKeys.FavoritePrefix.Length..], value) },
        _ => this,
    };

    /// <summary>Forgets whatever is remembered under <paramref name="key"/>.</summary>
    public SessionContext Without(string key) => key switch
    {
        ContextKeys.Name => this with { Name = null },
        ContextKeys.Location => this with { Location = null },
        ContextKeys.Likes => this with { Likes = [] },
        ContextKeys.Facts => this with { Facts = [] },
        _ when key.StartsWith(ContextKeys.FavoritePrefix, StringComparison.Ordinal)
            => this with { Favorites = Favorites.Remove(key[ContextKeys.FavoritePrefix.Length..]) },
        _ => this,
    };

    private static ImmutableList<string> AddDistinct(ImmutableList<string> list, string value) =>
        list.Contains(value, StringComparer.OrdinalIgnoreCase) ? list : list.Add(value);
}
