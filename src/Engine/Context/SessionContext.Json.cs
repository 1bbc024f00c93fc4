using System.Text.Json.Nodes;

namespace Orleans.Conversations.Engine;

/// <summary>The context's JSON shape: a property per key of <see cref="ContextKeys"/>, in the order of <see cref="ContextSlots.All"/>.</summary>
public sealed partial record SessionContext
{
    /// <summary>
    /// The context as the HTTP API shows it: a string per single value (<c>name</c>, <c>location</c>, <c>job</c>), an
    /// array per list (<c>likes</c>, <c>pets</c>, <c>facts</c>) and a string per favorite (<c>favorite.color</c>, by topic).
    /// </summary>
    public JsonObject ToJson() => ToJson(Favorites.Keys);

    /// <summary>The JSON shape, favorites in the order of <paramref name="topics"/>.</summary>
    internal JsonObject ToJson(IEnumerable<string> topics)
    {
        var json = new JsonObject();
        foreach (var slot in ContextSlots.All)
        {
            switch (slot.Shape)
            {
                case SlotShape.Single when Value(slot.Key) is { } value:
                    json[slot.Key] = value;
                    break;
                case SlotShape.List when Lists.TryGetValue(slot.Key, out var items):
                    json[slot.Key] = new JsonArray([.. items.Select(item => JsonValue.Create(item))]);
                    break;
                case SlotShape.Topics:
                    foreach (var topic in topics) json[slot.Key + topic] = Favorites[topic];
                    break;
            }
        }

        return json;
    }
}
