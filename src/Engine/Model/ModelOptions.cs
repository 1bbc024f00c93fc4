using System.ComponentModel.DataAnnotations;

namespace Orleans.Conversations.Engine.Model;

/// <summary>
/// An OpenAI-compatible chat model to answer with (configuration section <c>Model</c>). With no
/// <see cref="Endpoint"/>, the embedded offline engine answers.
/// </summary>
public sealed class ModelOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Model";

    /// <summary>The server's base address, such as <c>http://127.0.0.1:11434/v1</c> (<c>Model__Endpoint</c>).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model name the server knows (<c>Model__Name</c>).</summary>
    public string? Name { get; set; }

    /// <summary>The API key, if the server wants one (<c>Model__ApiKey</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The default of <see cref="Timeout"/>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long one reply may take before the turn is recorded as <c>ReplyFailed</c> (<c>Model__Timeout</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>The most tokens the prompt may use; the oldest turns are left out first (<c>Model__PromptTokenBudget</c>).</summary>
    [Range(100, 1_000_000)]
    public int PromptTokenBudget { get; set; } = 3000;

    /// <summary>
    /// The most tokens a reply may have (<c>Model__MaxOutputTokens</c>): sent to the model as <c>max_tokens</c>, and
    /// enforced on what is streamed and stored, since a server may ignore it: a reply longer than
    /// <see cref="MaxCharactersPerToken"/> characters a token is cut there and its turn ends.
    /// </summary>
    [Range(16, 100_000)]
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>How many characters a token may stand for when the output cap is enforced on the reply's text.</summary>
    public const int MaxCharactersPerToken = 8;

    /// <summary>The most characters a reply may have.</summary>
    public int MaxOutputCharacters => MaxOutputTokens * MaxCharactersPerToken;

    /// <summary>Whether a model is configured.</summary>
    public bool IsConfigured => Endpoint is not null;
}
