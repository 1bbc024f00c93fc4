using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Conversations.Engine;

namespace Orleans.Conversations.HttpApi.Api.OpenAi;

/// <summary>The body of <c>POST /v1/chat/completions</c>, as OpenAI's Chat Completions API defines it.</summary>
/// <param name="Model">The model the client asks for; any name is accepted, and the answer names the model that answered.</param>
/// <param name="Messages">The conversation as the client sees it; only its last <c>user</c> message is new to the session.</param>
/// <param name="Stream">Whether to answer with server-sent <c>chat.completion.chunk</c>s.</param>
/// <param name="StreamOptions">With <c>include_usage</c>, a stream ends with a chunk that gives the usage.</param>
/// <param name="User">The client's name for its end user; accepted and not used (the caller is who the credential says).</param>
public sealed record ChatCompletionRequest(
    string? Model,
    IReadOnlyList<ChatCompletionMessage?>? Messages,
    bool? Stream,
    [property: JsonPropertyName("stream_options")] ChatCompletionStreamOptions? StreamOptions,
    string? User)
{
    /// <summary>The text of the new turn, the last message with the role <c>user</c>, and the field it came from, once the request is checked.</summary>
    /// <exception cref="ApiProblemException">The model or the messages are missing, or there is no user message with text.</exception>
    internal (string Text, string Field) CheckedTurn()
    {
        if (string.IsNullOrWhiteSpace(Model))
            throw ApiProblemException.BadRequest("Field 'model' is required.", "model");
        if (Messages is not { Count: > 0 })
            throw ApiProblemException.BadRequest("Field 'messages' is required: an array with at least one message of the role 'user'.", "messages");

        for (var i = Messages.Count - 1; i >= 0; i--)
        {
            if (Messages[i] is { Role: "user" } message)
                return (message.Text(i), $"messages[{i}].content");
        }

        throw ApiProblemException.BadRequest("Field 'messages' has no message of the role 'user': the last one is the new turn.", "messages");
    }

    /// <summary>
    /// The <c>user</c> and <c>assistant</c> messages before the new turn, oldest first, as the client holds the
    /// conversation (those without text, such as an assistant's tool calls, left out). Call after <see cref="CheckedTurn"/>.
    /// </summary>
    internal IReadOnlyList<ConversationTurn> EarlierTurns()
    {
        var last = Messages!.Count - 1;
        while (Messages[last] is not { Role: "user" })
            last--;
        var turns = new List<ConversationTurn>();
        for (var i = 0; i < last; i++)
        {
            if (Messages[i] is { Role: TurnRoles.User or TurnRoles.Assistant } message && message.Content.ValueKind is JsonValueKind.String or JsonValueKind.Array)
                turns.Add(new ConversationTurn(message.Role!, message.Text(i), DateTimeOffset.MinValue));
        }

        return turns;
    }
}
