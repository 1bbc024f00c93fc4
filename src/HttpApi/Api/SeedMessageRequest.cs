using System.Reflection;
using System.Text.Json.Serialization;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>The seed route's request body: <c>POST /message</c>, in snake_case.</summary>
/// <param name="SessionId">The session, or null to start a new one.</param>
/// <param name="Text">What the user says.</param>
/// <param name="MessageId">The client's id for the message (1–128 characters), which makes retries safe.</param>
public sealed record SeedMessageRequest(
    [property: JsonPropertyName("session_id")] string? SessionId,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("message_id")] string? MessageId = null)
{
    /// <summary>Binds the body; see <see cref="JsonRequestBody"/> for its errors.</summary>
    public static async ValueTask<SeedMessageRequest?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        await JsonRequestBody.ReadAsync<SeedMessageRequest>(context, required: true);

    /// <summary>The named session, or a new one.</summary>
    internal Guid SessionIdOrNew() => SessionId is null
        ? Guid.NewGuid()
        : SessionIds.TryParse(SessionId, out var id)
            ? id
            : throw ApiProblemException.BadRequest(
                $"Field 'session_id' must be a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301, not '{SessionId}'.", "session_id");

    /// <summary>The message with the turn's message id, checked against <see cref="UserMessageRules"/>.</summary>
    /// <exception cref="MessageRejectedException">It breaks a rule; the exception names the seed's field.</exception>
    internal UserMessage ToUserMessage(HttpContext context, MessageLimitOptions limits)
    {
        try
        {
            return TurnMessageIds.Accept(context, Text, MessageId, limits);
        }
        catch (MessageRejectedException rejected) when (rejected.Field == "messageId")
        {
            throw new MessageRejectedException(
                "message_id", rejected.Reason, rejected.Message.Replace("'messageId'", "'message_id'", StringComparison.Ordinal));
        }
    }
}
