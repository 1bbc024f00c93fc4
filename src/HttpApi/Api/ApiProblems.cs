using Microsoft.AspNetCore.Http.HttpResults;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>The RFC 9457 problem answers that endpoints return rather than throw.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult SessionNotFound(Guid sessionId) =>
        NotFound($"Session {sessionId} has no events.", "id");

    public static ProblemHttpResult NotFound(string detail, string field) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found",
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
