namespace Orleans.Conversations.Grains.State;

/// <summary>
/// What idempotency needs to know of a recent user message: where its text and its reply are in the log. The texts
/// themselves stay in the log, and the record is a value kept inline in its list, so it costs little memory.
/// </summary>
/// <param name="MessageId">The client's (or the generated) message id.</param>
/// <param name="MessageVersion">The version of the <c>UserMessageReceived</c> event.</param>
/// <param name="ReplyVersion">The version of the <c>AssistantReplied</c> event, or null while the message has no reply.</param>
/// <param name="SecondsAfterStart">
/// When the message was stored, in whole seconds after the session started, rounded up (0 in snapshots from before it
/// was recorded); an int fits the record's padding, so it costs no memory.
/// </param>
[GenerateSerializer, Immutable]
public readonly record struct MessageRecord(
    [property: Id(0)] string MessageId,
    [property: Id(1)] int MessageVersion,
    [property: Id(2)] int? ReplyVersion = null,
    [property: Id(3)] int SecondsAfterStart = 0);
