using Orleans.EventSourcing.Common;

namespace Orleans.Conversations.EventStore;

/// <summary>
/// Reported to the grain through <c>OnConnectionIssue</c> while the event store cannot be read or written; the adaptor
/// retries with an exponential backoff capped at <see cref="MaxRetryDelay"/> and resumes by itself.
/// </summary>
public sealed class EventStoreUnavailable : PrimaryOperationFailed
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>What was being done: <c>read</c> or <c>append</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>The cap on the delay between attempts.</summary>
    public required TimeSpan MaxRetryDelay { get; init; }

    /// <inheritdoc/>
    public override TimeSpan ComputeRetryDelay(TimeSpan? previous)
    {
        var next = previous is { } delay && delay > TimeSpan.Zero ? delay * 2 : FirstRetryDelay;
        var jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 50));
        return (next < MaxRetryDelay ? next : MaxRetryDelay) + jitter;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"event store {Operation} failed ({NumberOfConsecutiveFailures} in a row since {TimeOfFirstFailure:O}): " +
        $"{Exception.GetType().Name}: {Exception.Message}";
}
