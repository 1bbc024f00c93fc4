namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// The user message was stored (with a <c>ReplyFailed</c> event) but no reply could be produced; retrying with the
/// same message id answers it without storing it again.
/// </summary>
[GenerateSerializer]
public sealed class ReplyUnavailableException : Exception
{
    /// <summary>Creates the exception for the stored message <paramref name="messageId"/>.</summary>
    public ReplyUnavailableException(string messageId, bool timedOut, string message) : base(message)
    {
        MessageId = messageId;
        TimedOut = timedOut;
    }

    /// <summary>The stored message that has no reply yet.</summary>
    [Id(0)] public string MessageId { get; }

    /// <summary>Whether the model timed out (rather than failed).</summary>
    [Id(1)] public bool TimedOut { get; }
}
