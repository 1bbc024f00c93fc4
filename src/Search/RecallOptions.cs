using System.ComponentModel.DataAnnotations;

namespace Orleans.Conversations.Search;

/// <summary>Recall's settings (configuration section <c>Recall</c>).</summary>
public sealed class RecallOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Recall";

    /// <summary>No semantic ranking: recall is full text only.</summary>
    public const string None = "none";

    /// <summary>Semantic ranking with all-MiniLM-L6-v2, fused with the full-text ranking.</summary>
    public const string MiniLm = "minilm";

    /// <summary>
    /// How messages are embedded for recall (<c>Recall__Embeddings</c>): <see cref="None"/> (default) or
    /// <see cref="MiniLm"/>.
    /// </summary>
    [AllowedValues(None, MiniLm, ErrorMessage = "Recall:Embeddings must be none or minilm.")]
    public string Embeddings { get; set; } = None;
}
