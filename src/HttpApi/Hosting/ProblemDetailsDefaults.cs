namespace Orleans.Conversations.HttpApi.Hosting;

/// <summary>Fills in a detail for the problems the framework itself raises, so every error says what is wrong.</summary>
internal static class ProblemDetailsDefaults
{
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null)
            return;

        var request = context.HttpContext.Request;
        switch (problem.Status)
        {
            case StatusCodes.Status415UnsupportedMediaType:
                problem.Detail = $"The request body must be JSON (Content-Type: application/json), not '{request.ContentType}'.";
                problem.Extensions["field"] = "Content-Type";
                break;
            case StatusCodes.Status403Forbidden:
                problem.Detail = $"Your credentials do not allow {request.Method} {request.Path}: it needs an admin.";
                break;
            case StatusCodes.Status404NotFound:
                problem.Detail = $"There is no route {request.Method} {request.Path}; see /openapi/v1.json.";
                break;
            case StatusCodes.Status405MethodNotAllowed:
                problem.Detail = $"{request.Method} is not allowed on {request.Path}; see /openapi/v1.json.";
                break;
            case StatusCodes.Status500InternalServerError:
                problem.Detail = "An unexpected error occurred; it has been logged.";
                break;
            default:
                problem.Detail = $"{request.Method} {request.Path} failed: {problem.Title}.";
                break;
        }
    }
}
