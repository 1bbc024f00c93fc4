using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.SessionList.Events;

/// <summary>What the list reads of a user's message: its text, the first of which makes the default title.</summary>
[EventTypeName("UserMessageReceived")]
internal sealed record UserMessageReceivedView(string? Text);
