using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Conversations.EventStore.Serialization;
using Orleans.Conversations.EventStore.Storage;
using Orleans.Runtime;

namespace Orleans.Conversations.EventStore;

/// <summary>
/// One named event store: its settings, its connection pool and its tables. Grains get it as a keyed service to read
/// their stream's stored events or replay their state to any version.
/// </summary>
public sealed class PostgresEventStore : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly BatchingEventStreamAppender? _batching;

    internal PostgresEventStore(
        string name,
        PostgresEventStoreOptions options,
        ILoggerFactory loggerFactory,
        Func<IEventStreamAppender, IEventStreamAppender>? decorateAppender = null)
    {
        Name = name;
        Options = options;
        _dataSource = new NpgsqlDataSourceBuilder(options.ConnectionString).UseLoggerFactory(loggerFactory).Build();
        Streams = new EventStreamStore(_dataSource);
        if (options.MaxAppendBatchSize > 1)
            _batching = new BatchingEventStreamAppender(_dataSource, options.MaxAppendBatchSize, options.ConcurrentAppendBatches);
        IEventStreamAppender appender = _batching is null ? Streams : _batching;
        Appender = decorateAppender?.Invoke(appender) ?? appender;
        Serializer = new EventSerializer(options);
    }

    /// <summary>The provider name the store was registered under.</summary>
    public string Name { get; }

    /// <summary>The store's settings.</summary>
    public PostgresEventStoreOptions Options { get; }

    /// <summary>Reads and writes of the event store tables.</summary>
    public EventStreamStore Streams { get; }

    internal IEventStreamAppender Appender { get; }

    internal EventSerializer Serializer { get; }

    /// <summary>The stream that holds the events of <paramref name="grainId"/>.</summary>
    public static string StreamIdOf(GrainId grainId) => grainId.ToString();

    /// <summary>
    /// The state of a stream as it stood right after event <paramref name="version"/>: the newest snapshot at or below
    /// it, then the events after the snapshot, each applied with <paramref name="apply"/>.
    /// </summary>
    public async Task<TView> ReplayAsync<TView, TEntry>(
        string streamId, int version, Action<TView, TEntry> apply, CancellationToken cancellationToken = default)
        where TView : class, new()
    {
        var view = new TView();
        var from = 0;
        if (Options.SnapshotInterval > 0 &&
            await Streams.ReadSnapshotAsync(streamId, version, cancellationToken) is { } snapshot &&
            Serializer.DeserializeState<TView>(snapshot.State) is { } restored)
        {
            view = restored;
            from = snapshot.Version;
        }

        foreach (var stored in await Streams.ReadEventsAsync(streamId, from, version, cancellationToken: cancellationToken))
            apply(view, Serializer.Deserialize<TEntry>(stored.EventType, stored.Data));

        return view;
    }

    /// <summary>Fails with a message naming the setting when the database cannot be reached or lacks the schema.</summary>
    public async Task VerifyAsync(CancellationToken cancellationToken)
    {
        var endpoint = DescribeEndpoint();
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT to_regclass('eventstore.events') IS NOT NULL");
            if (await command.ExecuteScalarAsync(cancellationToken) is not true)
            {
                throw new InvalidOperationException(
                    $"Event store '{Name}': {endpoint} has no eventstore.events table; apply the migrations in sql/ first.");
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"Event store '{Name}': cannot reach PostgreSQL at {endpoint} (setting ConnectionStrings:EventStore): {exception.Message}",
                exception);
        }
    }

    private string DescribeEndpoint()
    {
        var builder = new NpgsqlConnectionStringBuilder(Options.ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_batching is not null)
            await _batching.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
