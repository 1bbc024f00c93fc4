using Orleans.Conversations.EventStore.Storage;

namespace Orleans.Conversations.EventStore;

internal sealed partial class PostgresLogViewAdaptor<TView, TEntry>
{
    // The batch id stays the same for every attempt at the same version, so that an attempt whose outcome was unknown
    // and that committed after all is recognised as ours, however many attempts later it shows up.
    private Guid _batchId;
    private int _batchVersion = -1;

    protected override async Task<int> WriteAsync()
    {
        await LastPrimaryIssue.DelayBeforeRetry();

        var batch = GetCurrentBatchOfUpdates();
        if (_batchVersion != _confirmedVersion)
        {
            _batchId = Guid.NewGuid();
            _batchVersion = _confirmedVersion;
        }

        var request = new AppendRequest(StreamId, _confirmedVersion, batch.Select(s => s.Stored).ToList(), _batchId);
        bool appended;
        try
        {
            appended = await _store.Appender.AppendAsync(request, CancellationToken.None);
        }
        catch (Exception exception)
        {
            RecordIssue("append", exception);
            return await ResolveByReadingAsync();
        }

        if (!appended)
            return await ResolveByReadingAsync();

        var previousVersion = _confirmedVersion;
        foreach (var submission in batch)
            Apply(submission.Entry!);
        ResolveIssue();

        var interval = _store.Options.SnapshotInterval;
        if (interval > 0 && _confirmedVersion / interval > previousVersion / interval)
            await TakeSnapshotAsync();
        return batch.Length;
    }

    /// <summary>
    /// After a conflict or an append of unknown outcome: catches up with the stream and counts how many of the
    /// current batch's events are in it (0 when another writer won or nothing was written, so the base retries).
    /// </summary>
    private async Task<int> ResolveByReadingAsync()
    {
        while (true)
        {
            try
            {
                var stored = await CatchUpAsync();
                ResolveIssue();
                return stored.Count(e => e.BatchId == _batchId);
            }
            catch (Exception exception)
            {
                RecordIssue("read", exception);
            }

            await LastPrimaryIssue.DelayBeforeRetry();
        }
    }
}
