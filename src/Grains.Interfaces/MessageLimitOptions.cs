using System.ComponentModel.DataAnnotations;

namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// The configurable limit of a user message (configuration section <c>Conversations</c>), read by the gateway and
/// the silos alike so that one setting governs both.
/// </summary>
public sealed class MessageLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Conversations";

    /// <summary>The longest user message, in characters (<c>Conversations__MaxTextLength</c>).</summary>
    [Range(1, 1_000_000)]
    public int MaxTextLength { get; set; } = 8000;
}
