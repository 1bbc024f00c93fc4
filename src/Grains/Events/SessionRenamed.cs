using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Grains.Events;

/// <summary>The session was given a title by its owner.</summary>
/// <param name="Title">The new title.</param>
[GenerateSerializer, Immutable, EventTypeName("SessionRenamed")]
public sealed record SessionRenamed([property: Id(0)] string Title) : SessionEvent;
