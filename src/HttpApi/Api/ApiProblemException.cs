namespace Orleans.Conversations.HttpApi.Api;

/// <summary>A client mistake found while reading a request; the exception handler answers it as a problem.</summary>
internal sealed class ApiProblemException(int status, string title, string detail, string? field) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Field { get; } = field;

    public static ApiProblemException BadRequest(string detail, string? field) =>
        new(StatusCodes.Status400BadRequest, "Invalid request", detail, field);

    public static ApiProblemException TooLarge(string detail, string? field) =>
        new(StatusCodes.Status413PayloadTooLarge, "Request too large", detail, field);

    public static ApiProblemException TooManyConnections(string detail) =>
        new(StatusCodes.Status429TooManyRequests, "Too many connections", detail, null);

    public static ApiProblemException UnsupportedMediaType(string? contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            $"The request body must be JSON (Content-Type: application/json), not '{contentType}'.", "Content-Type");
}
