using System.Text.Json.Serialization;

namespace Orleans.Conversations.HttpApi.Api.OpenAi;

/// <summary>The <c>stream_options</c> of a <see cref="ChatCompletionRequest"/>.</summary>
/// <param name="IncludeUsage">Whether a last chunk, with no choices, gives the (estimated) <c>usage</c>.</param>
public sealed record ChatCompletionStreamOptions([property: JsonPropertyName("include_usage")] bool? IncludeUsage);
