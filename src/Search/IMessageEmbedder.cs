namespace Orleans.Conversations.Search;

/// <summary>Turns texts into vectors whose dot product is their cosine similarity, for semantic recall.</summary>
public interface IMessageEmbedder
{
    /// <summary>The length of every vector.</summary>
    int Dimensions { get; }

    /// <summary>One normalized vector per text, in order; CPU-bound, so callers run it off any scheduler they must not block.</summary>
    float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
