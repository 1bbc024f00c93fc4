namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>Why a turn ended without a reply; the message is stored either way, and a retry with its id answers it.</summary>
public enum ReplyFailure
{
    /// <summary>The model failed to answer.</summary>
    Failed,

    /// <summary>The model did not answer in time.</summary>
    TimedOut,

    /// <summary>The turn was cancelled on request (<c>CancelTurn</c>).</summary>
    Cancelled,
}
