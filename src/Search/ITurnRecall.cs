namespace Orleans.Conversations.Search;

/// <summary>
/// Brings older messages back into a turn, within a <see cref="RecallScope"/>; one indexed query each, and with
/// <c>Recall__Embeddings</c> on, a ranking by meaning over the scope's vectors fused with it (reciprocal rank fusion).
/// </summary>
public interface ITurnRecall
{
    /// <summary>
    /// What the user said about <paramref name="topic"/>: their own messages that match it (full text; when none does,
    /// those that contain it as written, diacritics and case aside), best match first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<RecalledMessage>> RecallTopicAsync(RecallScope scope, string topic, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The messages and replies most relevant to <paramref name="message"/> (sharing the most of its words), of the
    /// asking session only those said before <paramref name="sameSessionBefore"/>, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<RecalledMessage>> RecallRelevantAsync(
        RecallScope scope, string message, DateTimeOffset sameSessionBefore, int limit, CancellationToken cancellationToken = default);
}
