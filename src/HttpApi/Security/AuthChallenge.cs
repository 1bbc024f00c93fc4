using Microsoft.AspNetCore.Mvc;
using Orleans.Conversations.HttpApi.Hosting;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// The one 401 answer of every scheme: <c>WWW-Authenticate: Bearer</c> (with <c>error="invalid_token"</c> when a
/// credential was sent) and a problem body saying what was wrong, never echoing the credential.
/// </summary>
internal static class AuthChallenge
{
    public const string NoCredentials = "No credentials: send Authorization: Bearer <API key or token>.";

    /// <summary>Writes the 401; <paramref name="failure"/> is null when no credential was sent.</summary>
    public static async Task WriteAsync(HttpContext context, string? failure)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = failure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{failure}\"";
        if (DashboardPaths.Matches(context.Request.Path))
            response.Headers.Append("WWW-Authenticate", DashboardPaths.BasicChallenge);

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unauthorized",
            Detail = failure ?? NoCredentials,
            Extensions = { ["field"] = "Authorization" },
        };
        await ProblemResponses.WriteAsync(context, problem);
    }
}
