namespace Orleans.Conversations.Grains.Events;

/// <summary>Something that happened in a conversation session; the session's state is the fold of these.</summary>
/// <remarks>Each concrete event carries an <c>[EventTypeName]</c>: the stable name it is stored under.</remarks>
[GenerateSerializer, Immutable]
public abstract record SessionEvent
{
    /// <summary>When it happened (UTC).</summary>
    [Id(0)] public required DateTimeOffset At { get; init; }
}
