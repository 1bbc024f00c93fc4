using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Conversations.EventStore.Serialization;
using Orleans.Conversations.EventStore.Storage;
using Orleans.Runtime;

namespace Orleans.Conversations.EventStore;

/// <summary>One named event store: its settings, its connection pool, its tables and its appender.</summary>
internal sealed class PostgresEventStore : IEventStoreReader, IEventFeed, IEventStreamEraser, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly ILoggerFactory _loggerFactory;
    private readonly BatchingEventStreamAppender? _batching;

    public PostgresEventStore(
        string name,
        PostgresEventStoreOptions options,
        ILoggerFactory loggerFactory,
        Func<IEventStreamAppender, IEventStreamAppender>? decorateAppender = null)
    {
        Name = name;
        Options = options;
        _loggerFactory = loggerFactory;
        _ownsDataSource = options.DataSource is null;
        _dataSource = options.DataSource ?? new NpgsqlDataSourceBuilder(options.ConnectionString).UseLoggerFactory(loggerFactory).Build();
        Streams = new EventStreamStore(_dataSource);
        if (options.MaxAppendBatchSize > 1)
            _batching = new BatchingEventStreamAppender(_dataSource, options.MaxAppendBatchSize, options.ConcurrentAppendBatches);
        IEventStreamAppender appender = _batching is null ? Streams : _batching;
        Appender = decorateAppender?.Invoke(appender) ?? appender;
        Serializer = new EventSerializer(options);
    }

    public string Name { get; }

    public PostgresEventStoreOptions Options { get; }

    public EventStreamStore Streams { get; }

    public IEventStreamAppender Appender { get; }

    public EventSerializer Serializer { get; }

    public static string StreamIdOf(GrainId grainId) => grainId.ToString();

    string IEventStoreReader.StreamIdOf(GrainId grainId) => StreamIdOf(grainId);

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(
        string streamId, int afterVersion, int upToVersion = int.MaxValue, int limit = int.MaxValue, CancellationToken cancellationToken = default) =>
        await Streams.ReadEventsAsync(streamId, afterVersion, upToVersion, limit, cancellationToken);

    public async Task<IReadOnlyList<int>> FindVersionsAsync(string streamId, string eventType, string jsonFragment, CancellationToken cancellationToken = default) =>
        await Streams.FindVersionsIndexedAsync(streamId, eventType, jsonFragment, cancellationToken);

    public async Task<TView> ReplayAsync<TView, TEntry>(
        string streamId, int version, Action<TView, TEntry> apply, CancellationToken cancellationToken = default)
        where TView : class, new()
    {
        var view = new TView();
        var from = 0;
        if (Options.SnapshotInterval > 0 &&
            await Streams.ReadSnapshotAsync(streamId, version, cancellationToken) is { } snapshot &&
            TryRestore<TView>(streamId, snapshot) is { } restored)
        {
            view = restored;
            from = snapshot.Version;
        }

        // Folded as the rows arrive: a replay holds the state and one event, whatever the length of the range.
        await foreach (var (eventType, data) in Streams.StreamEventsAsync(streamId, from, version, cancellationToken))
            apply(view, Serializer.Deserialize<TEntry>(eventType, data));

        return view;
    }

    public async Task<FeedPage> ReadAsync(FeedCursor after, int limit, string? tenantId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var events = await Streams.ReadFeedAsync(after, limit, tenantId, cancellationToken);
        if (Options.Upcasters.Count > 0)
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i].IsErasure)
                    continue;
                var (eventType, data) = Serializer.Upcast(events[i].EventType, events[i].Data);
                events[i] = events[i] with { EventType = eventType, Data = data };
            }
        }

        return new FeedPage(events, events.Count > 0 ? events[^1].Cursor : after);
    }

    public Task<DateTimeOffset?> OldestAfterAsync(FeedCursor after, CancellationToken cancellationToken = default) =>
        Streams.OldestAfterAsync(after, cancellationToken);

    public Task<FeedCursor> EndAsync(CancellationToken cancellationToken = default) => Streams.FeedEndAsync(cancellationToken);

    public Task<StreamErasure> EraseAsync(string streamId, StreamErasureRequest request, CancellationToken cancellationToken = default) =>
        Streams.EraseAsync(streamId, request, cancellationToken);

    public Task<StreamTombstone?> ReadTombstoneAsync(string streamId, CancellationToken cancellationToken = default) =>
        Streams.ReadTombstoneAsync(streamId, cancellationToken);

    public Task<IReadOnlyList<string>> FindStreamsOfOwnerAsync(string tenantId, string ownerId, CancellationToken cancellationToken = default) =>
        Streams.FindStreamsOfOwnerAsync(tenantId, ownerId, cancellationToken);

    public Task<IAsyncDisposable> HoldOwnerAsync(string tenantId, string ownerId, CancellationToken cancellationToken = default) =>
        Streams.HoldOwnerAsync(tenantId, ownerId, cancellationToken);

    public Task<bool> IsErasedAsync(string streamId, CancellationToken cancellationToken = default) =>
        Streams.IsErasedAsync(streamId, cancellationToken);

    /// <summary>The state a snapshot holds, or null when it no longer reads as <typeparamref name="TView"/> (then events are replayed instead).</summary>
    public TView? TryRestore<TView>(string streamId, StoredSnapshot snapshot)
        where TView : class
    {
        try
        {
            return Serializer.DeserializeState<TView>(snapshot.State);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            _loggerFactory.CreateLogger<PostgresEventStore>().LogWarning(exception,
                "Snapshot {Version} of stream {StreamId} cannot be read as {StateType}; replaying events instead",
                snapshot.Version, streamId, typeof(TView).Name);
            return null;
        }
    }

    /// <summary>The database the store reads and writes.</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    public async ValueTask DisposeAsync()
    {
        if (_batching is not null)
            await _batching.DisposeAsync();
        if (_ownsDataSource)
            await _dataSource.DisposeAsync();
    }
}
