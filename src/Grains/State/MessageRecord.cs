namespace Orleans.Conversations.Grains.State;

/// <summary>
/// What idempotency needs to know of a recent user message: where its text and its reply are in the log. The texts
/// themselves stay in the log, so the record is small.
/// </summary>
[GenerateSerializer]
public sealed class MessageRecord
{
    /// <summary>The client's (or the generated) message id.</summary>
    [Id(0)] public required string MessageId { get; init; }

    /// <summary>The version of the <c>UserMessageReceived</c> event.</summary>
    [Id(1)] public required int MessageVersion { get; init; }

    /// <summary>The version of the <c>AssistantReplied</c> event, or null while the message has no reply.</summary>
    [Id(2)] public int? ReplyVersion { get; set; }
}
