using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.EventStore.Tests.Journal;

/// <summary>The events of the small journaled grain these tests drive.</summary>
[GenerateSerializer, Immutable]
public abstract record JournalEvent;

[GenerateSerializer, Immutable, EventTypeName("ItemAdded")]
public sealed record ItemAdded([property: Id(0)] string Item) : JournalEvent;

[GenerateSerializer, Immutable, EventTypeName("ItemRemoved")]
public sealed record ItemRemoved([property: Id(0)] string Item) : JournalEvent;
