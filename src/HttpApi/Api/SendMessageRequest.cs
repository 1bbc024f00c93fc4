using System.Reflection;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>The body of <c>POST /api/sessions/{id}/messages</c>.</summary>
/// <param name="Text">What the user says.</param>
/// <param name="MessageId">The client's id for the message (1–128 characters), which makes retries safe.</param>
public sealed record SendMessageRequest(string? Text, string? MessageId)
{
    /// <summary>Binds the body; see <see cref="JsonRequestBody"/> for its errors.</summary>
    public static async ValueTask<SendMessageRequest?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        await JsonRequestBody.ReadAsync<SendMessageRequest>(context, required: true);

    /// <summary>The message with the turn's message id, checked against <see cref="UserMessageRules"/>.</summary>
    /// <exception cref="MessageRejectedException">It breaks a rule; the exception names the field.</exception>
    internal UserMessage ToUserMessage(HttpContext context, MessageLimitOptions limits) =>
        TurnMessageIds.Accept(context, Text, MessageId, limits);
}
