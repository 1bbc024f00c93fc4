using System.Reflection;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Gateway.Api;

/// <summary>The optional body of <c>POST /api/sessions</c>.</summary>
/// <param name="UserId">Who the session belongs to, if the client says.</param>
public sealed record CreateSessionRequest(string? UserId)
{
    /// <summary>Binds the optional body; see <see cref="JsonRequestBody"/> for its errors.</summary>
    public static ValueTask<CreateSessionRequest?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        JsonRequestBody.ReadAsync<CreateSessionRequest>(context, required: false);

    /// <summary>The user id, once its characters are checked.</summary>
    internal string? CheckedUserId() =>
        UserId is not null && UserMessageRules.CheckCharacters("userId", UserId) is { } rejected ? throw rejected : UserId;
}
