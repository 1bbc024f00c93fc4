using Orleans.Conversations.EventStore;

namespace Orleans.Conversations.SessionList;

/// <summary>Removes an erased session's row from the list, under the projection's lock, as soon as its erasure has committed.</summary>
internal sealed class SessionListErasureReaction(SessionListStore store) : IStreamErasureReaction
{
    public async Task<bool> OnErasedAsync(string streamId, StreamTombstone tombstone, CancellationToken cancellationToken = default) =>
        SessionStreams.TryGetSessionId(streamId, out var sessionId) && await store.RemoveAsync(sessionId, cancellationToken);
}
