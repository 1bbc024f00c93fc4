namespace Orleans.Conversations.Engine;

/// <summary>Writes the reply to a user message.</summary>
public interface IReplyGenerator
{
    /// <summary>The reply text: never empty. Throws <see cref="ReplyGenerationException"/> when no reply can be had.</summary>
    Task<string> GenerateReplyAsync(ReplyRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The reply as it is generated, in pieces that concatenate to it (never all empty). Throws
    /// <see cref="ReplyGenerationException"/> when no reply can be had, and stops when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    IAsyncEnumerable<string> StreamReplyAsync(ReplyRequest request, CancellationToken cancellationToken);
}
