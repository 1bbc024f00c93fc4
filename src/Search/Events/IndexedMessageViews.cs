using System.Text.Json;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Search.Events;

/// <summary>
/// Reads the two events the index holds, a user's message and a reply, as typed views of their stored form (name and
/// JSON), so that the index needs no reference to the grains that raise them.
/// </summary>
internal static class IndexedMessageViews
{
    private static readonly EventTypeMap Types = new EventTypeMap()
        .Add<UserMessageView>("UserMessageReceived")
        .Add<ReplyView>("AssistantReplied");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The role and text of <paramref name="event"/>, or null for an event the index does not hold.</summary>
    public static (string Role, string Text)? Read(FeedEvent @event)
    {
        if (!Types.TryGetType(@event.EventType, out var type))
            return null;
        return JsonSerializer.Deserialize(@event.Data, type, Json) switch
        {
            UserMessageView { Text: { } text } => (SearchRoles.User, text),
            ReplyView { Text: { } text } => (SearchRoles.Assistant, text),
            _ => null,
        };
    }

    private sealed record UserMessageView(string? Text);

    private sealed record ReplyView(string? Text);
}
