using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orleans.Conversations.Gateway.Api;

/// <summary>
/// Reads a request body as a JSON object with errors a client can act on: 415 for another content type, 413 past the
/// size limit, 400 for malformed JSON or a field of the wrong type.
/// </summary>
internal sealed class JsonBody
{
    private readonly JsonElement _root;

    private JsonBody(JsonElement root) => _root = root;

    /// <summary>The parsed body, or null when it was optional and absent; a problem when it is unusable.</summary>
    public static async Task<(JsonBody? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, bool required)
    {
        var empty = request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any());
        if (empty)
        {
            return required
                ? (null, ApiProblems.BadRequest("The request body is required: a JSON object.", "body"))
                : (null, null);
        }

        if (!request.HasJsonContentType())
            return (null, ApiProblems.UnsupportedMediaType(request.ContentType));
        if (request.ContentLength > Hosting.HttpGatewayOptions.MaxBodyBytes)
            return (null, TooLarge());

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, ApiProblems.BadRequest($"The request body must be a JSON object, not {Describe(document.RootElement.ValueKind)}.", "body"));
            return (new JsonBody(document.RootElement.Clone()), null);
        }
        catch (JsonException exception)
        {
            return (null, ApiProblems.BadRequest($"The request body is not valid JSON: {exception.Message}", "body"));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
    }

    /// <summary>
    /// The string field <paramref name="name"/>: null when absent or JSON null; a problem when it has another type.
    /// </summary>
    public (string? Value, ProblemHttpResult? Problem) GetString(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return (null, null);
        return value.ValueKind == JsonValueKind.String
            ? (value.GetString(), null)
            : (null, ApiProblems.BadRequest($"Field '{name}' must be a string, not {Describe(value.ValueKind)}.", name));
    }

    private static ProblemHttpResult TooLarge() =>
        ApiProblems.TooLarge($"The request body is larger than {Hosting.HttpGatewayOptions.MaxBodyBytes / 1024} KiB.", "body");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
