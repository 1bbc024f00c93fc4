namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// One event of a turn as it happens, numbered from 1 within the turn so that a reader can resume after the last one
/// it saw. Deltas are transient: only the completed reply (or the failure) is stored in the session's log.
/// </summary>
/// <param name="Sequence">The event's number within the turn, from 1.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Text">The delta's text, for <see cref="TurnEventKind.Delta"/>.</param>
/// <param name="Reply">The stored reply, for <see cref="TurnEventKind.Completed"/>.</param>
/// <param name="Failure">Why the turn ended without a reply, for <see cref="TurnEventKind.Failed"/>.</param>
/// <param name="Error">What went wrong, for <see cref="TurnEventKind.Failed"/>.</param>
[GenerateSerializer, Immutable]
public sealed record TurnEvent(
    [property: Id(0)] int Sequence,
    [property: Id(1)] TurnEventKind Kind,
    [property: Id(2)] string? Text = null,
    [property: Id(3)] MessageReply? Reply = null,
    [property: Id(4)] ReplyFailure? Failure = null,
    [property: Id(5)] string? Error = null)
{
    /// <summary>Whether the turn ends with this event.</summary>
    public bool IsLast => Kind is TurnEventKind.Completed or TurnEventKind.Failed;
}
