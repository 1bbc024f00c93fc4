using Orleans.EventSourcing;

namespace Orleans.Conversations.EventStore;

/// <summary>
/// Reported to the grain through <c>OnConnectionIssue</c> when PostgreSQL refused a batch of conditionally raised
/// events for what they contain (a data error such as a character <c>jsonb</c> cannot store, or a row over a limit):
/// retrying could never succeed, so the batch is dropped and <c>RaiseConditionalEvent(s)</c> answers false. Events
/// raised unconditionally cannot be dropped; they are retried with a growing delay instead.
/// </summary>
public sealed class EventsRefused : ConnectionIssue
{
    /// <summary>PostgreSQL's SQLSTATE, such as <c>22P05</c>.</summary>
    public required string SqlState { get; init; }

    /// <summary>PostgreSQL's reason.</summary>
    public required string Reason { get; init; }

    /// <inheritdoc/>
    public override TimeSpan ComputeRetryDelay(TimeSpan? previous) => TimeSpan.Zero;

    /// <inheritdoc/>
    public override string ToString() => $"event store refused the events ({SqlState}): {Reason}";
}
