namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// The user message was stored (with a <c>ReplyFailed</c> event) but no reply could be produced; retrying with the
/// same message id answers it without storing it again.
/// </summary>
[GenerateSerializer]
public sealed class ReplyUnavailableException : Exception
{
    /// <summary>Creates the exception for the stored message <paramref name="messageId"/>.</summary>
    public ReplyUnavailableException(string messageId, bool timedOut, string message, bool cancelled = false) : base(message)
    {
        MessageId = messageId;
        TimedOut = timedOut;
        Cancelled = cancelled;
    }

    /// <summary>The stored message that has no reply yet.</summary>
    [Id(0)] public string MessageId { get; }

    /// <summary>Whether the model timed out (rather than failed).</summary>
    [Id(1)] public bool TimedOut { get; }

    /// <summary>Whether the turn was cancelled on request.</summary>
    [Id(2)] public bool Cancelled { get; }

    /// <summary>The HTTP status that describes the failure: 409 cancelled, 503 timed out, 502 failed.</summary>
    public int Status => Cancelled ? 409 : TimedOut ? 503 : 502;
}
