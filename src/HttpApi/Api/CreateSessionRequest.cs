using System.Reflection;
using Orleans.Conversations.HttpApi.Security;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>The optional body of <c>POST /api/sessions</c>.</summary>
/// <param name="UserId">
/// A label for the session's user. The session always belongs to the caller; when credentials are required, the
/// label may only be the caller's own user id.
/// </param>
/// <param name="Memory">
/// <c>"on"</c> (the default) or <c>"off"</c>: a session with memory off is temporary, it neither reads nor writes the
/// user's memory.
/// </param>
public sealed record CreateSessionRequest(string? UserId, string? Memory = null)
{
    /// <summary>Binds the optional body; see <see cref="JsonRequestBody"/> for its errors.</summary>
    public static ValueTask<CreateSessionRequest?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        JsonRequestBody.ReadAsync<CreateSessionRequest>(context, required: false);

    /// <summary>Whether the session uses the user's memory, once <see cref="Memory"/> is checked to be <c>on</c> or <c>off</c>.</summary>
    internal bool CheckedMemory() => Memory switch
    {
        null or "on" => true,
        "off" => false,
        _ => throw ApiProblemException.BadRequest("Field 'memory' must be \"on\" or \"off\".", "memory"),
    };

    /// <summary>The user id, once its characters are checked and, when credentials are required, that it is the caller's.</summary>
    internal string? CheckedUserId(Caller caller, AuthMode mode)
    {
        if (UserId is null)
            return null;
        if (UserMessageRules.CheckCharacters("userId", UserId) is { } rejected)
            throw rejected;
        if (mode == AuthMode.Required && !string.Equals(UserId, caller.UserId, StringComparison.Ordinal))
            throw ApiProblemException.BadRequest("Field 'userId' must be omitted or be your own user id: a session always belongs to its caller.", "userId");
        return UserId;
    }
}
