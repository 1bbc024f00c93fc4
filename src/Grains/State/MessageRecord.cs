using System.Text.Json.Serialization;

namespace Orleans.Conversations.Grains.State;

/// <summary>
/// What idempotency needs to know of a recent user message: where its text and its reply are in the log. The texts
/// themselves stay in the log, and the record is a value kept inline in its list, so it costs little memory: an id in
/// the form the gateway generates and most clients send (a lowercase GUID with hyphens) is kept as the 16-byte
/// <see cref="Guid"/> rather than as a 96-byte string.
/// </summary>
[GenerateSerializer, Immutable]
public readonly struct MessageRecord
{
    [Id(0)] private readonly string? _otherId;
    [Id(1)] private readonly Guid _guidId;
    [Id(2)] private readonly int _replyVersion;

    /// <summary>Makes the record of a message.</summary>
    /// <param name="messageId">The client's (or the generated) message id.</param>
    /// <param name="messageVersion">The version of the <c>UserMessageReceived</c> event.</param>
    /// <param name="replyVersion">The version of the <c>AssistantReplied</c> event, or null while the message has no reply.</param>
    [JsonConstructor]
    public MessageRecord(string messageId, int messageVersion, int? replyVersion = null)
    {
        if (AsCanonicalGuid(messageId) is { } guid)
            _guidId = guid;
        else
            _otherId = messageId;
        MessageVersion = messageVersion;
        _replyVersion = replyVersion ?? 0;
    }

    /// <summary>The client's (or the generated) message id.</summary>
    public string MessageId => _otherId ?? _guidId.ToString();

    /// <summary>The version of the <c>UserMessageReceived</c> event.</summary>
    [Id(3)] public int MessageVersion { get; init; }

    /// <summary>The version of the <c>AssistantReplied</c> event, or null while the message has no reply.</summary>
    public int? ReplyVersion => _replyVersion > 0 ? _replyVersion : null;

    /// <summary>The same record, answered by the event at <paramref name="replyVersion"/>.</summary>
    public MessageRecord AnsweredAt(int replyVersion) => new(this, replyVersion);

    /// <summary>
    /// Whether this is the record of <paramref name="messageId"/>; <paramref name="canonicalGuid"/> is that id's
    /// <see cref="AsCanonicalGuid"/>, worked out once by a caller that compares it with many records.
    /// </summary>
    public bool Is(string messageId, Guid? canonicalGuid) =>
        _otherId is null ? canonicalGuid == _guidId : string.Equals(_otherId, messageId, StringComparison.Ordinal);

    /// <summary>The GUID whose standard form is exactly <paramref name="messageId"/>, if there is one.</summary>
    public static Guid? AsCanonicalGuid(string messageId) =>
        messageId.Length == 36 && !messageId.AsSpan().ContainsAnyInRange('A', 'F') && Guid.TryParseExact(messageId, "D", out var guid)
            ? guid
            : null;

    private MessageRecord(MessageRecord record, int replyVersion)
    {
        (_otherId, _guidId, MessageVersion) = (record._otherId, record._guidId, record.MessageVersion);
        _replyVersion = replyVersion;
    }
}
