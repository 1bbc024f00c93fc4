using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// The message id of a turn: the client's (in the body, or as an <c>Idempotency-Key</c> header), or one made up here,
/// so that every answer of the turn, a problem included, can tell the client which id to retry with.
/// </summary>
internal static class TurnMessageIds
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private const string ItemKey = "conversations.messageId";

    /// <summary>The turn's message id: the body's, else the header's, else a new one.</summary>
    /// <exception cref="ApiProblemException">The header is malformed or names another id than the body.</exception>
    private static string Resolve(HttpContext context, string? fromBody)
    {
        var header = context.Request.Headers[IdempotencyKeyHeader];
        string? fromHeader = null;
        if (header.Count > 0)
        {
            fromHeader = header.Count == 1 ? header[0] : null;
            if (fromHeader is null || fromHeader.Length > UserMessageRules.MaxMessageIdLength || string.IsNullOrWhiteSpace(fromHeader))
            {
                throw ApiProblemException.BadRequest(
                    $"Header '{IdempotencyKeyHeader}' must be given once and be 1 to {UserMessageRules.MaxMessageIdLength} characters long.", IdempotencyKeyHeader);
            }

            if (fromBody is not null && fromBody != fromHeader)
            {
                throw ApiProblemException.BadRequest(
                    $"Header '{IdempotencyKeyHeader}' and field 'messageId' name different ids; send one, or the same in both.", IdempotencyKeyHeader);
            }
        }

        return fromBody ?? fromHeader ?? NewId();
    }

    /// <summary>
    /// The turn's message, checked against <see cref="UserMessageRules"/>, its id remembered on the request for every
    /// answer of the turn.
    /// </summary>
    /// <exception cref="MessageRejectedException">It breaks a rule; the exception names the field.</exception>
    public static UserMessage Accept(HttpContext context, string? text, string? messageId, MessageLimitOptions limits)
    {
        var message = Accept(text, Resolve(context, messageId), limits);
        context.Items[ItemKey] = message.MessageId;
        return message;
    }

    /// <summary>
    /// The message id of a request that sends no text of its own (a regeneration): the body's, the header's or a new
    /// one, checked and remembered on the request for every answer.
    /// </summary>
    /// <exception cref="MessageRejectedException">It breaks a rule; the exception names the field.</exception>
    public static string AcceptId(HttpContext context, string? messageId)
    {
        var id = Resolve(context, messageId);
        if (UserMessageRules.CheckMessageId(id) is { } rejected)
            throw rejected;
        context.Items[ItemKey] = id;
        return id;
    }

    /// <summary>The message of a WebSocket frame, checked against <see cref="UserMessageRules"/>; its id the frame's, or a new one.</summary>
    /// <exception cref="MessageRejectedException">It breaks a rule; the exception names the field.</exception>
    public static UserMessage Accept(string? text, string? messageId, MessageLimitOptions limits)
    {
        var message = new UserMessage(text ?? "", messageId ?? NewId());
        if (UserMessageRules.Check(message, limits.MaxTextLength) is { } rejected)
            throw rejected;
        return message;
    }

    /// <summary>A new message id: the one place the service makes them.</summary>
    private static string NewId() => Guid.NewGuid().ToString();

    /// <summary>The message id of the turn this request carries, if it got that far.</summary>
    public static string? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var id) ? id as string : null;
}
