namespace Orleans.Conversations.Grains.Memory.Events;

/// <summary>Something that happened to a user's memory; its state is the fold of these.</summary>
[GenerateSerializer, Immutable]
public abstract record MemoryEvent
{
    /// <summary>When it happened (UTC).</summary>
    [Id(0)] public required DateTimeOffset At { get; init; }
}
