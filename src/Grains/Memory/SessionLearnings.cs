using System.Text.Json;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Interfaces.Memory;

namespace Orleans.Conversations.Grains.Memory;

/// <summary>
/// Reads what sessions learned out of the event feed: the context events of session streams (<c>conversation/...</c>)
/// whose session has memory on, grouped by their owner in commit order. Context events come only from the engine's
/// understanding of a user's message, never from a reply, so nothing the assistant said is ever learned.
/// </summary>
internal static class SessionLearnings
{
    private const string SessionPrefix = "conversation/";

    /// <summary>The learnings of <paramref name="events"/>, per owner, each owner's in commit order.</summary>
    public static Dictionary<Caller, List<SessionLearning>> ByOwner(IEnumerable<FeedEvent> events)
    {
        var owners = new Dictionary<Caller, List<SessionLearning>>();
        foreach (var @event in events)
        {
            if (ToLearning(@event) is not { } learning)
                continue;
            var owner = OwnerOf(@event);
            if (!owners.TryGetValue(owner, out var learnings))
                owners.Add(owner, learnings = []);
            learnings.Add(learning);
        }

        return owners;
    }

    private static SessionLearning? ToLearning(FeedEvent @event)
    {
        var kind = @event.EventType switch
        {
            "ContextUpdated" => LearningKind.Remembered,
            "ContextForgotten" => LearningKind.Forgotten,
            "ContextItemForgotten" => LearningKind.ItemForgotten,
            _ => (LearningKind?)null,
        };
        if (kind is null || !@event.StreamId.StartsWith(SessionPrefix, StringComparison.Ordinal)
            || !Guid.TryParseExact(@event.StreamId.AsSpan(SessionPrefix.Length), "N", out var sessionId)
            || @event.Metadata.Contains("\"memory\"", StringComparison.Ordinal) && MetadataValue(@event, "memory") == "off")
            return null;

        using var data = JsonDocument.Parse(@event.Data);
        var root = data.RootElement;
        if (!root.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String)
            return null;
        var value = root.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new SessionLearning(sessionId, @event.Version, @event.RecordedAt, kind.Value, key.GetString()!, value);
    }

    private static Caller OwnerOf(FeedEvent @event) =>
        new(@event.TenantId ?? Caller.DefaultTenant, MetadataValue(@event, "ownerId") ?? Caller.LocalUser, IsAdmin: false);

    private static string? MetadataValue(FeedEvent @event, string name)
    {
        using var metadata = JsonDocument.Parse(@event.Metadata);
        return metadata.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
