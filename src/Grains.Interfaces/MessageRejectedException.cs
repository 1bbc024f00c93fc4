namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>A user message the session refuses; nothing was stored.</summary>
[GenerateSerializer]
public sealed class MessageRejectedException : Exception
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public MessageRejectedException(string field, RejectionReason reason, string message) : base(message)
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>The field at fault: <c>text</c> or <c>messageId</c>.</summary>
    [Id(0)] public string Field { get; }

    /// <summary>Why it was refused.</summary>
    [Id(1)] public RejectionReason Reason { get; }
}
