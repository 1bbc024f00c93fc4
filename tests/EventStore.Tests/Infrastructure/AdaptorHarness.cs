using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Conversations.EventStore.Storage;
using Orleans.Conversations.EventStore.Tests.Journal;
using Orleans.EventSourcing;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Orleans.Conversations.EventStore.Tests.Infrastructure;

/// <summary>
/// Drives the event store's log view adaptor the way a JournaledGrain does, without a silo, so a test can run two
/// writers on one stream or put faults between the adaptor and PostgreSQL.
/// </summary>
internal sealed class AdaptorHarness : ILogViewAdaptorHost<JournalState, JournalEvent>, IAsyncDisposable
{
    private static readonly DeepCopier Copier = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<DeepCopier>();

    private readonly PostgresEventStore _store;

    private AdaptorHarness(PostgresEventStore store, GrainId grainId)
    {
        _store = store;
        var services = new HarnessServices(grainId);
        Adaptor = new PostgresLogViewAdaptorFactory(store, NullLoggerFactory.Instance)
            .MakeLogViewAdaptor(this, new JournalState(), nameof(JournalGrain), null, services);
    }

    public ILogViewAdaptor<JournalState, JournalEvent> Adaptor { get; }

    public List<ConnectionIssue> Issues { get; } = [];

    public int ResolvedIssues { get; private set; }

    /// <summary>Starts an adaptor on the stream of <paramref name="grainId"/>, activated as a grain would be.</summary>
    public static async Task<AdaptorHarness> ActivateAsync(
        GrainId grainId,
        string connectionString,
        Func<IEventStreamAppender, IEventStreamAppender>? decorateAppender = null,
        int snapshotInterval = 0)
    {
        var options = new PostgresEventStoreOptions { ConnectionString = connectionString, SnapshotInterval = snapshotInterval, MaxRetryDelay = TimeSpan.FromMilliseconds(200) };
        options.EventTypes.AddFromAssembly(typeof(JournalEvent).Assembly);
        var harness = new AdaptorHarness(new PostgresEventStore("test", options, NullLoggerFactory.Instance, decorateAppender), grainId);
        await harness.Adaptor.PreOnActivate();
        await harness.Adaptor.PostOnActivate();
        await harness.Adaptor.Synchronize();
        return harness;
    }

    public static GrainId NewGrainId() => GrainId.Create("journal", Guid.NewGuid().ToString("N"));

    /// <summary>Raises the items as one batch and waits until they are confirmed.</summary>
    public async Task<int> AddAsync(params string[] items)
    {
        Adaptor.SubmitRange(items.Select(item => new ItemAdded(item)));
        await Adaptor.ConfirmSubmittedEntries();
        return Adaptor.ConfirmedVersion;
    }

    public void UpdateView(JournalState view, JournalEvent entry) => view.Apply(entry);

    public void OnViewChanged(bool tentative, bool confirmed)
    {
    }

    public void OnConnectionIssue(ConnectionIssue connectionIssue)
    {
        lock (Issues)
            Issues.Add(connectionIssue);
    }

    public void OnConnectionIssueResolved(ConnectionIssue connectionIssue) => ResolvedIssues++;

    public async ValueTask DisposeAsync()
    {
        await Adaptor.PostOnDeactivate();
        await _store.DisposeAsync();
    }

    private sealed class HarnessServices(GrainId grainId) : ILogConsistencyProtocolServices
    {
        public GrainId GrainId => grainId;

        public string MyClusterId => "test";

        public T DeepCopy<T>(T value) => Copier.Copy(value)!;

        public void ProtocolError(string msg, bool throwexception)
        {
            if (throwexception)
                throw new InvalidOperationException(msg);
        }

        public void CaughtException(string where, Exception e) => throw new InvalidOperationException(where, e);

        public void CaughtUserCodeException(string callback, string where, Exception e) => throw new InvalidOperationException(where, e);

        public void Log(LogLevel level, string format, params object[] args)
        {
        }
    }
}
