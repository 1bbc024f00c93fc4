using System.Text.Json;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.SessionList.Events;

/// <summary>
/// Reads the few session events the list needs as typed views, through an event type map of their stored names. The
/// views are the list's own: it reads the stored form of the grains' events (name and JSON), as any projection of the
/// feed does, and needs no reference to the grains that raise them.
/// </summary>
internal static class SessionEventViews
{
    private static readonly EventTypeMap Types = new EventTypeMap().AddFromAssembly(typeof(SessionEventViews).Assembly);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The view of <paramref name="event"/>, or null for an event the list does not read.</summary>
    public static object? Read(FeedEvent @event) =>
        Types.TryGetType(@event.EventType, out var type) ? JsonSerializer.Deserialize(@event.Data, type, Json) : null;
}
