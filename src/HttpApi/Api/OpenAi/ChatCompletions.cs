using System.Runtime.CompilerServices;
using System.Text.Json;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api.OpenAi;

/// <summary>
/// A turn's answer as OpenAI's <c>chat.completion</c>, or as the <c>chat.completion.chunk</c>s of a stream ending with
/// <c>[DONE]</c>. Token counts are estimates (a token for every four characters): the grains do not count tokens.
/// </summary>
internal sealed record ChatCompletions(string Id, long Created, string Model, JsonSerializerOptions Json)
{
    public const string Done = "[DONE]";

    /// <summary>The completions of the turn of <paramref name="messageId"/>, created now.</summary>
    public static ChatCompletions Of(string messageId, string model, TimeProvider time, JsonSerializerOptions json) =>
        new($"chatcmpl-{messageId}", time.GetUtcNow().ToUnixTimeSeconds(), model, json);

    /// <summary>The whole answer.</summary>
    public object Completion(string prompt, string reply) => new
    {
        id = Id,
        @object = "chat.completion",
        created = Created,
        model = Model,
        choices = new[] { new { index = 0, message = new { role = "assistant", content = reply }, finish_reason = "stop" } },
        usage = Usage(prompt, reply),
    };

    /// <summary>
    /// The turn's events as chunk data: the assistant's role, one chunk per delta, a last chunk with
    /// <c>finish_reason</c> (and one with the <c>usage</c> of <paramref name="prompt"/> if asked for), then
    /// <see cref="Done"/>; a failed turn sends an <c>error</c> object instead of the last chunk.
    /// </summary>
    public async IAsyncEnumerable<string> StreamAsync(
        IAsyncEnumerable<TurnEvent> events, string prompt, bool includeUsage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return Chunk(new { role = "assistant" }, null);
        await foreach (var @event in events.WithCancellation(cancellationToken))
        {
            switch (@event.Kind)
            {
                case TurnEventKind.Delta when !string.IsNullOrEmpty(@event.Text):
                    yield return Chunk(new { content = @event.Text }, null);
                    break;
                case TurnEventKind.Completed:
                    yield return Chunk(new { }, "stop");
                    if (includeUsage)
                        yield return UsageChunk(Usage(prompt, @event.Reply!.Reply));
                    break;
                case TurnEventKind.Failed:
                    var failure = FailureProblems.Of(@event);
                    yield return JsonSerializer.Serialize(OpenAiError.Of(failure.Status, failure.Detail, null), Json);
                    break;
            }
        }

        yield return Done;
    }

    private string Chunk(object delta, string? finishReason) => JsonSerializer.Serialize(
        new
        {
            id = Id,
            @object = "chat.completion.chunk",
            created = Created,
            model = Model,
            choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
        },
        Json);

    private string UsageChunk(object usage) => JsonSerializer.Serialize(
        new { id = Id, @object = "chat.completion.chunk", created = Created, model = Model, choices = Array.Empty<object>(), usage },
        Json);

    private static object Usage(string prompt, string reply)
    {
        int input = EstimateTokens(prompt), output = EstimateTokens(reply);
        return new { prompt_tokens = input, completion_tokens = output, total_tokens = input + output };
    }

    private static int EstimateTokens(string text) => (text.Length + 3) / 4;
}
