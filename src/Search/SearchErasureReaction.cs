using Orleans.Conversations.EventStore;

namespace Orleans.Conversations.Search;

/// <summary>Deletes an erased session's rows from the index, under the projection's lock, as soon as its erasure has committed.</summary>
internal sealed class SearchErasureReaction(SearchStore store) : IStreamErasureReaction
{
    public async Task<bool> OnErasedAsync(string streamId, StreamTombstone tombstone, CancellationToken cancellationToken = default) =>
        IndexedStreams.TryGetSessionId(streamId, out var sessionId) && await store.RemoveSessionAsync(sessionId, cancellationToken);
}
