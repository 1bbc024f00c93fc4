namespace Orleans.Conversations.HttpApi.Api.OpenAi;

/// <summary>OpenAI's error body, <c>{"error": {"message", "type", "param", "code"}}</c>, for an HTTP status.</summary>
internal static class OpenAiError
{
    public static object Of(int status, string message, string? param) => new
    {
        error = new { message, type = TypeOf(status), param, code = CodeOf(status) },
    };

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status403Forbidden => "permission_error",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };

    private static string? CodeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "invalid_api_key",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status409Conflict => "cancelled",
        StatusCodes.Status413PayloadTooLarge => "request_too_large",
        StatusCodes.Status429TooManyRequests => "rate_limit_exceeded",
        StatusCodes.Status502BadGateway => "reply_failed",
        StatusCodes.Status503ServiceUnavailable => "service_unavailable",
        _ => null,
    };
}
