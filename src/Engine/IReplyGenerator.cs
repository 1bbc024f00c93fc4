namespace Orleans.Conversations.Engine;

/// <summary>Writes the reply to a user message.</summary>
public interface IReplyGenerator
{
    /// <summary>
    /// Whether every request should carry <see cref="ReplyRequest.Recalled"/>, the older messages most relevant to it (a
    /// model's prompt does); when false, recall is looked up only for a message that asks a recall question
    /// (<see cref="Interpretation.RecallTopic"/>).
    /// </summary>
    bool RecallsEveryTurn => false;

    /// <summary>The reply text: never empty. Throws <see cref="ReplyGenerationException"/> when no reply can be had.</summary>
    Task<string> GenerateReplyAsync(ReplyRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The reply as it is generated, in pieces that concatenate to it (never all empty). Throws
    /// <see cref="ReplyGenerationException"/> when no reply can be had, and stops when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    IAsyncEnumerable<string> StreamReplyAsync(ReplyRequest request, CancellationToken cancellationToken);
}
