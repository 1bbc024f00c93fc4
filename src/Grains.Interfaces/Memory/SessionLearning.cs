namespace Orleans.Conversations.Grains.Interfaces.Memory;

/// <summary>One context event of a session, as the user's memory learns it.</summary>
/// <param name="SessionId">The session that learned it.</param>
/// <param name="Version">The event's version in the session's stream.</param>
/// <param name="At">When it was committed.</param>
/// <param name="Kind">Remembered, forgotten, or one item of a list forgotten.</param>
/// <param name="Key">The context key.</param>
/// <param name="Value">The value remembered or the item forgotten; null when the whole key is forgotten.</param>
[GenerateSerializer, Immutable]
public sealed record SessionLearning(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] int Version,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] LearningKind Kind,
    [property: Id(4)] string Key,
    [property: Id(5)] string? Value);

/// <summary>What a session's context event did.</summary>
[GenerateSerializer]
public enum LearningKind
{
    /// <summary>A value was remembered (<c>ContextUpdated</c>).</summary>
    Remembered,

    /// <summary>A key was forgotten (<c>ContextForgotten</c>).</summary>
    Forgotten,

    /// <summary>One item of a list was forgotten (<c>ContextItemForgotten</c>).</summary>
    ItemForgotten,
}
