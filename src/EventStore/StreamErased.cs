using Orleans.EventSourcing;

namespace Orleans.Conversations.EventStore;

/// <summary>
/// Reported to the grain through <c>OnConnectionIssue</c> when it appends to a stream that was erased
/// (<see cref="IEventStreamEraser"/>): nothing is written. Conditionally raised events are dropped, so
/// <c>RaiseConditionalEvent(s)</c> answers false; events raised unconditionally cannot be dropped and are retried every
/// <see cref="RetryInterval"/>, so a grain whose stream may be erased raises conditionally or deactivates when it hears this.
/// </summary>
public sealed class StreamErased : ConnectionIssue
{
    /// <summary>The erased stream.</summary>
    public required string StreamId { get; init; }

    /// <summary>The wait before unconditional events are tried again.</summary>
    public required TimeSpan RetryInterval { get; init; }

    /// <inheritdoc/>
    public override TimeSpan ComputeRetryDelay(TimeSpan? previous) => RetryInterval;

    /// <inheritdoc/>
    public override string ToString() => $"stream {StreamId} was erased; nothing more is written to it";
}
