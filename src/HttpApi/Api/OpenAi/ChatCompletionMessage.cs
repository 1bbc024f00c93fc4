using System.Text.Json;

namespace Orleans.Conversations.HttpApi.Api.OpenAi;

/// <summary>One message of a <see cref="ChatCompletionRequest"/>.</summary>
/// <param name="Role"><c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</param>
/// <param name="Content">A string, or an array of parts of which only <c>{"type": "text", "text"}</c> ones are understood.</param>
public sealed record ChatCompletionMessage(string? Role, JsonElement Content)
{
    /// <summary>The message's text: the string, or its text parts one per line.</summary>
    /// <exception cref="ApiProblemException">The content is neither, or has a part that is not text.</exception>
    internal string Text(int index)
    {
        var field = $"messages[{index}].content";
        if (Content.ValueKind == JsonValueKind.String)
            return Content.GetString()!;
        if (Content.ValueKind != JsonValueKind.Array)
            throw ApiProblemException.BadRequest($"Field '{field}' must be a string or an array of text parts.", field);

        var texts = new List<string>();
        foreach (var part in Content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object
                || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "text"
                || !part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw ApiProblemException.BadRequest($"Field '{field}' may hold only parts {{\"type\": \"text\", \"text\": \"...\"}}.", field);
            }

            texts.Add(text.GetString()!);
        }

        return string.Join('\n', texts);
    }
}
