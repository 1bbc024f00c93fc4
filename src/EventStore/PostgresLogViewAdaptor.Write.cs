using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Conversations.EventStore.Storage;
using Orleans.EventSourcing;

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
        catch (PostgresException exception) when (IsRefusalOfTheData(exception) && batch.All(s => s.ConditionalPosition >= 0))
        {
            Refuse(batch, exception);
            return 0;
        }
        catch (Exception exception)
        {
            RecordIssue("append", exception);
            return await ResolveByReadingAsync(afterFailure: true);
        }

        if (!appended)
        {
            var ours = await ResolveByReadingAsync(afterFailure: false);
            if (ours == 0 && await IsErasedAsync())
                Erased(batch);
            return ours;
        }

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
    /// current batch's events are in it (0 when another writer won or nothing was written, so the base retries). A read
    /// that works does not clear a failed append: only an append that lands does, so the delay before the next attempt
    /// keeps growing while appends fail and reads succeed.
    /// </summary>
    private async Task<int> ResolveByReadingAsync(bool afterFailure)
    {
        while (true)
        {
            try
            {
                var stored = await CatchUpAsync();
                var ours = stored.Count(e => e.BatchId == _batchId);
                if (!afterFailure || ours > 0)
                    ResolveIssue();
                return ours;
            }
            catch (Exception exception)
            {
                RecordIssue("read", exception);
            }

            await LastPrimaryIssue.DelayBeforeRetry();
        }
    }

    private async Task<bool> IsErasedAsync()
    {
        try
        {
            return await _store.Streams.IsErasedAsync(StreamId);
        }
        catch (Exception exception)
        {
            RecordIssue("read", exception);
            return false;
        }
    }

    /// <summary>
    /// Nothing will ever be written to an erased stream: conditional events are dropped (their raise answers false),
    /// unconditional ones wait <see cref="PostgresEventStoreOptions.MaxRetryDelay"/> before the next attempt.
    /// </summary>
    private void Erased(EventSubmission<TEntry>[] batch)
    {
        var issue = new StreamErased { StreamId = StreamId, RetryInterval = _store.Options.MaxRetryDelay };
        _logger.LogWarning("Stream {StreamId} was erased; {Count} events raised by its grain are not written", StreamId, batch.Length);
        if (batch.All(s => s.ConditionalPosition >= 0))
        {
            foreach (var submission in batch)
                submission.ConditionalPosition = int.MinValue;
            Notify(issue, nameof(Erased));
        }
        else
        {
            LastPrimaryIssue.Record(issue, Host, Services);
        }
    }

    /// <summary>
    /// PostgreSQL refused the statement for the values it carries (SQLSTATE class 22, data exception, or 54, program
    /// limit exceeded): sending the same events again would fail the same way, however long one waits.
    /// </summary>
    private static bool IsRefusalOfTheData(PostgresException exception) =>
        exception.SqlState.StartsWith("22", StringComparison.Ordinal) || exception.SqlState.StartsWith("54", StringComparison.Ordinal);

    /// <summary>
    /// Drops a batch of conditional events the store will never take: each is marked as no longer fitting its
    /// position, so the base removes it and answers its raise with false; the grain hears why through
    /// <see cref="EventsRefused"/>.
    /// </summary>
    private void Refuse(EventSubmission<TEntry>[] batch, PostgresException exception)
    {
        _logger.LogWarning("Event store refused {Count} events of stream {StreamId} ({SqlState}: {Reason}); they are dropped, not retried",
            batch.Length, StreamId, exception.SqlState, exception.MessageText);
        foreach (var submission in batch)
            submission.ConditionalPosition = int.MinValue;
        Notify(new EventsRefused { SqlState = exception.SqlState, Reason = exception.MessageText }, nameof(Refuse));
    }

    private void Notify(ConnectionIssue issue, string caller)
    {
        try
        {
            Host.OnConnectionIssue(issue);
        }
        catch (Exception callback)
        {
            Services.CaughtUserCodeException("OnConnectionIssue", caller, callback);
        }
    }
}
