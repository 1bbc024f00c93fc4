using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Conversations.Engine.Tests.Corpus;

/// <summary>
/// One labelled line of the corpus: a message, what the session knew and heard before it, and what the engine made of
/// it. <see cref="Context"/> is <c>"known"</c> (see <see cref="CorpusConversation.Known"/>) or an object of context
/// keys to a value or a list of values. <see cref="Changes"/> are written <c>key=value</c> (remember), <c>-key</c>
/// (forget) and <c>-key=item</c> (forget one item of a list).
/// </summary>
public sealed record CorpusCase
{
    [JsonPropertyName("message")] public string Message { get; init; } = "";

    [JsonPropertyName("context")] public JsonElement? Context { get; init; }

    [JsonPropertyName("before")] public string[]? Before { get; init; }

    [JsonPropertyName("previous")] public int? Previous { get; init; }

    [JsonPropertyName("first")] public string? First { get; init; }

    [JsonPropertyName("changes")] public string[] Changes { get; init; } = [];

    [JsonPropertyName("reply")] public string? Reply { get; init; }

    [JsonPropertyName("replyContains")] public string[]? ReplyContains { get; init; }
}
