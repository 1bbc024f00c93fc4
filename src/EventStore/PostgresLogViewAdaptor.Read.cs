using Microsoft.Extensions.Logging;
using Orleans.Conversations.EventStore.Storage;

namespace Orleans.Conversations.EventStore;

internal sealed partial class PostgresLogViewAdaptor<TView, TEntry>
{
    protected override async Task ReadAsync()
    {
        while (true)
        {
            try
            {
                var snapshotVersion = _confirmedVersion == 0 ? await LoadSnapshotAsync() : _confirmedVersion;
                await CatchUpAsync();
                ResolveIssue();
                if (_store.Options.SnapshotInterval > 0 && _confirmedVersion - snapshotVersion >= _store.Options.SnapshotInterval)
                    await TakeSnapshotAsync();
                return;
            }
            catch (Exception exception)
            {
                RecordIssue("read", exception);
            }

            await LastPrimaryIssue.DelayBeforeRetry();
        }
    }

    /// <summary>Starts the confirmed view from the newest snapshot, if there is a usable one; returns its version.</summary>
    private async Task<int> LoadSnapshotAsync()
    {
        if (_store.Options.SnapshotInterval == 0 ||
            await _store.Streams.ReadSnapshotAsync(StreamId) is not { } snapshot ||
            _store.TryRestore<TView>(StreamId, snapshot) is not { } view)
            return 0;

        _confirmedView = view;
        _confirmedVersion = snapshot.Version;
        return snapshot.Version;
    }

    /// <summary>Applies every stored event after the confirmed version and returns what it read.</summary>
    private async Task<List<StoredEvent>> CatchUpAsync()
    {
        var stored = await _store.Streams.ReadEventsAsync(StreamId, _confirmedVersion);
        foreach (var row in stored)
        {
            if (row.Version != _confirmedVersion + 1)
                throw new InvalidOperationException($"Stream {StreamId} has a gap: expected version {_confirmedVersion + 1}, found {row.Version}.");
            Apply(_store.Serializer.Deserialize<TEntry>(row.EventType, row.Data));
        }

        return stored;
    }

    private async Task TakeSnapshotAsync()
    {
        try
        {
            var state = _store.Serializer.SerializeState(_confirmedView);
            await _store.Streams.WriteSnapshotAsync(StreamId, _confirmedVersion, typeof(TView).FullName!, state, _store.Options.SnapshotsKept, _store.Options.SnapshotInterval);
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Snapshot of stream {StreamId} at version {Version} failed; the next one will try again",
                StreamId, _confirmedVersion);
        }
    }
}
