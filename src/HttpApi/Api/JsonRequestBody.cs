using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Orleans.Conversations.HttpApi.Hosting;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// Binds a request body to a record with errors a client can act on: 415 for another content type, 413 past the size
/// limit, 400 for malformed JSON, for a body that is not an object, and for a field of the wrong type or with text
/// that is not valid Unicode (naming the field).
/// </summary>
internal static class JsonRequestBody
{
    /// <summary>The body as <typeparamref name="T"/>, or null when it is absent and not <paramref name="required"/>.</summary>
    /// <exception cref="ApiProblemException">The body cannot be used.</exception>
    public static async ValueTask<T?> ReadAsync<T>(HttpContext context, bool required)
        where T : class
    {
        var request = context.Request;
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
            return required ? throw ApiProblemException.BadRequest("The request body is required: a JSON object.", "body") : null;
        if (!request.HasJsonContentType())
            throw ApiProblemException.UnsupportedMediaType(request.ContentType);
        if (request.ContentLength > HttpGatewayOptions.MaxBodyBytes)
            throw TooLarge();

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException exception)
        {
            throw ApiProblemException.BadRequest($"The request body is not valid JSON: {exception.Message}", "body");
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw ApiProblemException.BadRequest($"The request body must be a JSON object, not {Describe(root.ValueKind)}.", "body");

            if (FindUnstorableText(root, "") is { } unstorable)
            {
                var field = unstorable.Length == 0 ? "body" : unstorable;
                throw ApiProblemException.BadRequest(
                    $"Field '{field}' is not valid text: it holds invalid UTF-8, an unpaired surrogate escape such as \\ud800, or U+0000.", field);
            }

            var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            try
            {
                return root.Deserialize<T>(json) ?? throw ApiProblemException.BadRequest("The request body must be a JSON object.", "body");
            }
            catch (JsonException exception)
            {
                throw FieldProblem(root, exception);
            }
        }
    }

    /// <summary>A field that could not be bound for its type (text that cannot be stored is refused before binding).</summary>
    private static ApiProblemException FieldProblem(JsonElement root, JsonException exception)
    {
        var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (field is null || !root.TryGetProperty(field, out var value))
            return ApiProblemException.BadRequest($"The request body does not fit the expected shape: {exception.Message}", field ?? "body");
        return value.ValueKind == JsonValueKind.String
            ? ApiProblemException.BadRequest($"Field '{field}' does not take a string.", field)
            : ApiProblemException.BadRequest($"Field '{field}' must be a string, not {Describe(value.ValueKind)}.", field);
    }

    /// <summary>
    /// The path (<c>messages[0].content</c>) of the first string in <paramref name="element"/>, property names included,
    /// that cannot be stored as text: every string field of a body counts, not only those a route reads.
    /// </summary>
    private static string? FindUnstorableText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsStorable(element, static e => e.GetString()!) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindUnstorableText(item, $"{path}[{index++}]") is { } found)
                        return found;
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsStorable(property, static p => p.Name))
                        return path;
                    if (FindUnstorableText(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}") is { } found)
                        return found;
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsStorable<T>(T json, Func<T, string> read)
    {
        try
        {
            return !read(json).Contains('\0', StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static ApiProblemException TooLarge() =>
        ApiProblemException.TooLarge($"The request body is larger than {HttpGatewayOptions.MaxBodyBytes / 1024} KiB.", "body");

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
