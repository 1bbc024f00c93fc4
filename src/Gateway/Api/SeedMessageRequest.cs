using System.Reflection;
using System.Text.Json.Serialization;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Gateway.Api;

/// <summary>The seed route's request body: <c>POST /message</c>, in snake_case.</summary>
/// <param name="SessionId">The session, or null to start a new one.</param>
/// <param name="Text">What the user says.</param>
public sealed record SeedMessageRequest(
    [property: JsonPropertyName("session_id")] string? SessionId,
    [property: JsonPropertyName("text")] string? Text)
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

    /// <summary>The message, checked against <see cref="UserMessageRules"/>.</summary>
    internal UserMessage ToUserMessage(MessageLimitOptions limits)
    {
        var message = new UserMessage(Text ?? "");
        return UserMessageRules.Check(message, limits.MaxTextLength) is { } rejected ? throw rejected : message;
    }
}
