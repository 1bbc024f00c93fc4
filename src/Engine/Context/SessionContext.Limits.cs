using System.Collections.Immutable;

namespace Orleans.Conversations.Engine;

/// <summary>
/// The bounds of a context. They hold however it was built, replaying any history of events included: a full list
/// forgets its oldest entry as a new one comes in, and a long value is cut.
/// </summary>
public sealed partial record SessionContext
{
    /// <summary>The most likes remembered; the oldest is forgotten first.</summary>
    public const int MaxLikes = 50;

    /// <summary>The most pets remembered; the oldest is forgotten first.</summary>
    public const int MaxPets = 50;

    /// <summary>The most facts remembered; the oldest is forgotten first.</summary>
    public const int MaxFacts = 50;

    /// <summary>The most favorites remembered; the one least recently told is forgotten first.</summary>
    public const int MaxFavorites = 50;

    /// <summary>The longest value (or favorite topic) remembered, in characters; a longer one is cut and ends in "…".</summary>
    public const int MaxValueLength = 200;

    /// <summary>
    /// <paramref name="value"/> as it is remembered: unchanged when it is at most <see cref="MaxValueLength"/> long,
    /// otherwise cut, at a space when there is one near the end, and ended with "…". Never splits a surrogate pair.
    /// </summary>
    public static string LimitLength(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= MaxValueLength)
            return value;

        var cut = MaxValueLength - 1;
        var space = value.LastIndexOf(' ', cut);
        if (space >= cut - 40 && space > 0)
            cut = space;
        if (char.IsHighSurrogate(value[cut - 1]))
            cut--;
        return value[..cut].TrimEnd() + "…";
    }

    /// <summary>The topics of <see cref="Favorites"/>, least recently told first.</summary>
    public IReadOnlyList<string> FavoriteTopicsOldestFirst() =>
    [
        .. Favorites.Keys.Where(topic => !FavoriteOrder.Contains(topic)),
        .. FavoriteOrder.Where(Favorites.ContainsKey),
    ];

    private SessionContext WithItem(string key, string value, int max)
    {
        var items = List(key);
        if (items.Contains(value, StringComparer.OrdinalIgnoreCase))
            return this;

        var added = items.Add(value);
        if (added.Count > max) added = added.RemoveRange(0, added.Count - max);
        return this with { Lists = Lists.SetItem(key, added) };
    }

    private SessionContext WithFavorite(string topic, string value)
    {
        if (Favorites.TryGetValue(topic, out var known) && known == value)
            return this;

        var favorites = Favorites.SetItem(topic, value);
        var order = FavoriteOrder.Remove(topic).Add(topic);
        while (favorites.Count > MaxFavorites)
        {
            var oldest = favorites.Keys.FirstOrDefault(t => !order.Contains(t)) ?? order.First(favorites.ContainsKey);
            favorites = favorites.Remove(oldest);
            order = order.Remove(oldest);
        }

        return this with { Favorites = favorites, FavoriteOrder = order };
    }

    private SessionContext WithoutFavorite(string topic) =>
        Favorites.ContainsKey(topic) || FavoriteOrder.Contains(topic)
            ? this with { Favorites = Favorites.Remove(topic), FavoriteOrder = FavoriteOrder.Remove(topic) }
            : this;
}
