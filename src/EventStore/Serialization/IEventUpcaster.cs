using System.Text.Json.Nodes;

namespace Orleans.Conversations.EventStore.Serialization;

/// <summary>
/// Rewrites a stored event of an older shape into the current one when it is read, so old rows never have to be
/// migrated in place.
/// </summary>
public interface IEventUpcaster
{
    /// <summary>Whether this upcaster rewrites events stored under <paramref name="eventType"/>.</summary>
    bool CanUpcast(string eventType);

    /// <summary>The event's current type name and data.</summary>
    (string EventType, JsonObject Data) Upcast(string eventType, JsonObject data);
}
