using System.Collections.Immutable;

namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// What a session remembers about its user. Immutable: every change returns a new context. Bounded: see
/// <see cref="MaxLikes"/>, <see cref="MaxFavorites"/>, <see cref="MaxFacts"/> and <see cref="MaxValueLength"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed partial record SessionContext
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

    /// <summary>
    /// The topics of <see cref="Favorites"/>, least recently told first, which decides the favorite forgotten when
    /// there are too many. A context stored before this order existed may lack some topics: those count as the oldest.
    /// </summary>
    [Id(5)] public ImmutableList<string> FavoriteOrder { get; init; } = [];

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
    /// Remembers <paramref name="value"/> (cut to <see cref="MaxValueLength"/>) under <paramref name="key"/>: replaces a
    /// single value, or adds to a list unless the list already holds it (compared case-insensitively); a full list
    /// forgets its oldest entry. Unknown keys are ignored.
    /// </summary>
    public SessionContext With(string key, string value)
    {
        value = LimitLength(value);
        return key switch
        {
            ContextKeys.Name => this with { Name = value },
            ContextKeys.Location => this with { Location = value },
            ContextKeys.Likes => WithLike(value),
            ContextKeys.Facts => WithFact(value),
            _ when key.StartsWith(ContextKeys.FavoritePrefix, StringComparison.Ordinal) && key.Length > ContextKeys.FavoritePrefix.Length
                => WithFavorite(LimitLength(key[ContextKeys.FavoritePrefix.Length..]), value),
            _ => this,
        };
    }

    /// <summary>Forgets the item <paramref name="item"/> of the list under <paramref name="key"/> (likes or facts), if it is there.</summary>
    public SessionContext WithoutItem(string key, string item) => key switch
    {
        ContextKeys.Likes => this with { Likes = Likes.Remove(item) },
        ContextKeys.Facts => this with { Facts = Facts.Remove(item) },
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
            => WithoutFavorite(LimitLength(key[ContextKeys.FavoritePrefix.Length..])),
        _ => this,
    };
}
