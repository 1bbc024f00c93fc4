using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Orleans.Conversations.Engine;

/// <summary>
/// What a session remembers about its user, slot by slot (see <see cref="ContextSlots"/>). Immutable: every change
/// returns a new context, or this one when nothing changes. Bounded: see <see cref="MaxLikes"/>, <see cref="MaxPets"/>,
/// <see cref="MaxFavorites"/>, <see cref="MaxFacts"/> and <see cref="MaxValueLength"/>.
/// </summary>
[JsonConverter(typeof(SessionContextJsonConverter))]
public sealed partial record SessionContext
{
    /// <summary>A context that remembers nothing.</summary>
    public static SessionContext Empty { get; } = new();

    /// <summary>The values of the single-value slots, by key.</summary>
    public ImmutableSortedDictionary<string, string> Values { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The items of the list slots, by key, oldest first; a list is never kept empty.</summary>
    public ImmutableSortedDictionary<string, ImmutableList<string>> Lists { get; init; } =
        ImmutableSortedDictionary<string, ImmutableList<string>>.Empty;

    /// <summary>Favorites by topic (lower-case), such as <c>color</c> → <c>blue</c>.</summary>
    public ImmutableSortedDictionary<string, string> Favorites { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>
    /// The topics of <see cref="Favorites"/>, least recently told first, which decides the favorite forgotten when
    /// there are too many. A context stored before this order existed may lack some topics: those count as the oldest.
    /// </summary>
    public ImmutableList<string> FavoriteOrder { get; init; } = [];

    /// <summary>The user's name, if told.</summary>
    public string? Name => Value(ContextKeys.Name);

    /// <summary>Where the user lives or comes from, if told.</summary>
    public string? Location => Value(ContextKeys.Location);

    /// <summary>Things the user said they like, oldest first.</summary>
    public ImmutableList<string> Likes => List(ContextKeys.Likes);

    /// <summary>Facts the user asked to be remembered, oldest first.</summary>
    public ImmutableList<string> Facts => List(ContextKeys.Facts);

    /// <summary>Whether nothing at all is remembered.</summary>
    public bool IsEmpty => Values.IsEmpty && Lists.IsEmpty && Favorites.IsEmpty;

    /// <summary>The keys (see <see cref="ContextKeys"/>) that currently hold something, in the order of <see cref="ContextSlots.All"/>.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var slot in ContextSlots.All)
            {
                if (slot.Shape == SlotShape.Topics)
                {
                    foreach (var topic in Favorites.Keys) yield return slot.Key + topic;
                }
                else if (Values.ContainsKey(slot.Key) || Lists.ContainsKey(slot.Key))
                {
                    yield return slot.Key;
                }
            }
        }
    }

    /// <summary>The value of the single-value slot <paramref name="key"/>, or null.</summary>
    public string? Value(string key) => Values.GetValueOrDefault(key);

    /// <summary>The items of the list slot <paramref name="key"/>, oldest first (empty when none).</summary>
    public ImmutableList<string> List(string key) => Lists.GetValueOrDefault(key) ?? [];

    /// <summary>
    /// Remembers <paramref name="value"/> (cut to <see cref="MaxValueLength"/>) under <paramref name="key"/>: replaces a
    /// single value, or adds to a list unless the list already holds it (compared case-insensitively); a full list
    /// forgets its oldest entry. Keys of no slot are ignored.
    /// </summary>
    public SessionContext With(string key, string value)
    {
        value = LimitLength(value);
        return ContextSlots.Of(key) switch
        {
            { Shape: SlotShape.Single } => Value(key) == value ? this : this with { Values = Values.SetItem(key, value) },
            { Shape: SlotShape.List } slot => WithItem(key, value, slot.MaxItems),
            { Shape: SlotShape.Topics } slot => WithFavorite(LimitLength(key[slot.Key.Length..]), value),
            _ => this,
        };
    }

    /// <summary>Forgets the item <paramref name="item"/> of the list under <paramref name="key"/>, if it is there.</summary>
    public SessionContext WithoutItem(string key, string item)
    {
        if (!Lists.TryGetValue(key, out var items) || !items.Contains(item)) return this;
        var left = items.Remove(item);
        return this with { Lists = left.IsEmpty ? Lists.Remove(key) : Lists.SetItem(key, left) };
    }

    /// <summary>Forgets whatever is remembered under <paramref name="key"/>.</summary>
    public SessionContext Without(string key) => ContextSlots.Of(key) switch
    {
        { Shape: SlotShape.Single } => Values.ContainsKey(key) ? this with { Values = Values.Remove(key) } : this,
        { Shape: SlotShape.List } => Lists.ContainsKey(key) ? this with { Lists = Lists.Remove(key) } : this,
        { Shape: SlotShape.Topics } slot => WithoutFavorite(LimitLength(key[slot.Key.Length..])),
        _ => this,
    };
}
