using Microsoft.AspNetCore.Http.HttpResults;

namespace Orleans.Conversations.Gateway.Api;

/// <summary>The RFC 9457 problem responses of the API; each names the field at fault where there is one.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult BadRequest(string detail, string? field = null) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid request", detail, field);

    public static ProblemHttpResult TooLarge(string detail, string? field = null) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", detail, field);

    public static ProblemHttpResult UnsupportedMediaType(string? contentType) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            $"The request body must be JSON (Content-Type: application/json), not '{contentType}'.", "Content-Type");

    public static ProblemHttpResult SessionNotFound(Guid sessionId) =>
        Problem(StatusCodes.Status404NotFound, "Session not found", $"Session {sessionId} has no events.", "id");

    public static ProblemHttpResult NotFound(string detail, string field) =>
        Problem(StatusCodes.Status404NotFound, "Not found", detail, field);

    public static ProblemHttpResult BadGateway(string detail) =>
        Problem(StatusCodes.Status502BadGateway, "Reply failed", detail, null);

    /// <summary>503 with <c>Retry-After</c>: the cluster or the event store cannot serve the request now.</summary>
    public static ProblemHttpResult Unavailable(HttpContext context, string detail, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail, null);
    }

    private static ProblemHttpResult Problem(int status, string title, string detail, string? field) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });
}
