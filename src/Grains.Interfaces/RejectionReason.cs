namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>Why a <see cref="MessageRejectedException"/> was thrown.</summary>
public enum RejectionReason
{
    /// <summary>Missing, empty or malformed.</summary>
    Invalid,

    /// <summary>Longer than the configured limit.</summary>
    TooLong,
}
