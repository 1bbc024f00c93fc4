using Orleans.Conversations.EventStore;

namespace Orleans.Conversations.Search;

/// <summary>What a batch of the feed means to the index: the rows it adds, and the sessions it erases (whose rows of the batch are dropped).</summary>
internal sealed record IndexedBatch(List<IndexedMessage> Rows, List<Guid> Erased)
{
    public static IndexedBatch Read(IReadOnlyList<FeedEvent> events, LegacyOwner legacyOwner)
    {
        var batch = new IndexedBatch([], []);
        foreach (var @event in events)
        {
            if (@event.IsErasure)
            {
                if (IndexedStreams.TryGetSessionId(@event.StreamId, out var sessionId))
                {
                    batch.Erased.Add(sessionId);
                    batch.Rows.RemoveAll(row => row.SessionId == sessionId);
                }
            }
            else if (IndexedMessage.From(@event, legacyOwner) is { } row)
            {
                batch.Rows.Add(row);
            }
        }

        return batch;
    }
}
