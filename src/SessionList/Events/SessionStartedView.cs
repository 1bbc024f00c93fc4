using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.SessionList.Events;

/// <summary>What the list reads of a session's first event: its owner, absent in sessions stored before they had owners.</summary>
[EventTypeName("SessionStarted")]
internal sealed record SessionStartedView(string? Tenant, string? Owner);
