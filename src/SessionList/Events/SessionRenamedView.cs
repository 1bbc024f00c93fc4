using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.SessionList.Events;

/// <summary>What the list reads of a renaming: the new title.</summary>
[EventTypeName("SessionRenamed")]
internal sealed record SessionRenamedView(string? Title);
