namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// The user message was stored (with a <c>ReplyFailed</c> event) but no reply could be produced; retrying with the
/// same message id answers it without storing it again.
/// </summary>
[GenerateSerializer]
public sealed class ReplyUnavailableException : Exception
{
    /// <summary>Creates the exception for the stored message <paramref name="messageId"/>.</summary>
    public ReplyUnavailableException(string messageId, ReplyFailure failure, string message) : base(message)
    {
        MessageId = messageId;
        Failure = failure;
    }

    /// <summary>The stored message that has no reply yet.</summary>
    [Id(0)] public string MessageId { get; }

    /// <summary>Why there is no reply.</summary>
    [Id(1)] public ReplyFailure Failure { get; }

    /// <summary>Whether the model timed out (rather than failed).</summary>
    public bool TimedOut => Failure == ReplyFailure.TimedOut;

    /// <summary>Whether the turn was cancelled on request.</summary>
    public bool Cancelled => Failure == ReplyFailure.Cancelled;
}
