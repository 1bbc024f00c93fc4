using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.EventStore.Serialization;

/// <summary>Turns events into (stored name, JSON) pairs and back, upcasting old shapes on the way in.</summary>
internal sealed class EventSerializer(PostgresEventStoreOptions options)
{
    private readonly JsonSerializerOptions _json = options.JsonOptions;

    public string GetTypeName(object @event) => options.EventTypes.GetName(@event.GetType());

    public string Serialize(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), _json);

    public TEvent Deserialize<TEvent>(string eventType, string data)
    {
        if (options.Upcasters.Count > 0)
            (eventType, data) = Upcast(eventType, data);

        if (!options.EventTypes.TryGetType(eventType, out var type))
            throw new InvalidOperationException($"Stored event type '{eventType}' is not mapped to a class.");

        var @event = JsonSerializer.Deserialize(data, type, _json)
            ?? throw new InvalidOperationException($"Stored event of type '{eventType}' is null.");
        return @event is TEvent typed
            ? typed
            : throw new InvalidOperationException($"Stored event type '{eventType}' maps to {type.FullName}, which is not a {typeof(TEvent).Name}.");
    }

    public string SerializeState<TView>(TView view) => JsonSerializer.Serialize(view, _json);

    public TView? DeserializeState<TView>(string state) => JsonSerializer.Deserialize<TView>(state, _json);

    /// <summary>The current type name and JSON of a stored event, after every upcaster that recognises it.</summary>
    public (string EventType, string Data) Upcast(string eventType, string data)
    {
        JsonObject? node = null;
        foreach (var upcaster in options.Upcasters)
        {
            if (!upcaster.CanUpcast(eventType))
                continue;
            node ??= JsonNode.Parse(data)!.AsObject();
            (eventType, node) = upcaster.Upcast(eventType, node);
        }

        return node is null ? (eventType, data) : (eventType, node.ToJsonString(_json));
    }
}
