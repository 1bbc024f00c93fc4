using System.Text.Json;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Search.Events;

namespace Orleans.Conversations.Search;

/// <summary>One row of <c>search.messages</c>: a user's message or a reply, read from the feed with its owner.</summary>
internal sealed record IndexedMessage(
    Guid SessionId, int Version, string TenantId, string OwnerId, string Role, string Text, DateTimeOffset At, bool Recallable)
{
    /// <summary>The row <paramref name="event"/> makes, or null for an event the index does not hold.</summary>
    public static IndexedMessage? From(FeedEvent @event, LegacyOwner legacy)
    {
        if (!IndexedStreams.TryGetSessionId(@event.StreamId, out var sessionId) || IndexedMessageViews.Read(@event) is not { } message)
            return null;
        using var metadata = JsonDocument.Parse(@event.Metadata);
        var owner = Value(metadata.RootElement, "ownerId") ?? legacy.Owner;
        var recallable = Value(metadata.RootElement, "memory") != "off";
        // PostgreSQL text holds no U+0000; the event store refuses it in messages already.
        return new IndexedMessage(sessionId, @event.Version, @event.TenantId ?? legacy.Tenant, owner, message.Role,
            message.Text.Replace("\0", "", StringComparison.Ordinal), @event.RecordedAt, recallable);
    }

    private static string? Value(JsonElement metadata, string name) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
