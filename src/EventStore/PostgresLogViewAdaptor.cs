using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Conversations.EventStore.Storage;
using Orleans.EventSourcing;
using Orleans.EventSourcing.Common;

namespace Orleans.Conversations.EventStore;

/// <summary>
/// Keeps a journaled grain's confirmed view in memory and its events in PostgreSQL, one row per event. Appends are
/// optimistic on (stream, version): a writer that loses re-reads and lets the base retry, so the history never forks.
/// </summary>
internal sealed partial class PostgresLogViewAdaptor<TView, TEntry>
    : PrimaryBasedLogViewAdaptor<TView, TEntry, EventSubmission<TEntry>>
    where TView : class, new()
    where TEntry : class
{
    /// <summary>
    /// The metadata last written on this thread: the events of one turn are made one after the other and share it.
    /// Kept per thread rather than per grain, as every active grain has an adaptor.
    /// </summary>
    [ThreadStatic]
    private static ((string?, string?, string?, string?, string?) Key, string Json)? _lastMetadata;

    private static readonly TView PristineInitialState = new();

    private readonly PostgresEventStore _store;
    private readonly ILogger _logger;
    private TView _confirmedView = null!;
    private int _confirmedVersion;

    public PostgresLogViewAdaptor(
        ILogViewAdaptorHost<TView, TEntry> host,
        TView initialState,
        ILogConsistencyProtocolServices services,
        PostgresEventStore store,
        ILogger logger)
        : base(host, initialState, services)
    {
        _store = store;
        _logger = logger;
        // The base keeps a copy of the initial state (to reset to after ClearLog) and hands out copies of it; Orleans
        // always starts a view as new TView(), so one untouched instance serves every adaptor of the type.
        InitialState = PristineInitialState;
    }

    /// <summary>Derived when needed rather than kept: every active grain has an adaptor, and memory is per grain.</summary>
    private string StreamId => PostgresEventStore.StreamIdOf(Services.GrainId);

    protected override void InitializeConfirmedView(TView initialstate)
    {
        _confirmedView = initialstate;
        _confirmedVersion = 0;
    }

    protected override TView LastConfirmedView() => _confirmedView;

    protected override int GetConfirmedVersion() => _confirmedVersion;

    protected override EventSubmission<TEntry> MakeSubmissionEntry(TEntry entry)
    {
        var serializer = _store.Serializer;
        return new EventSubmission<TEntry>
        {
            Entry = entry,
            Stored = new NewEvent(serializer.GetTypeName(entry), serializer.Serialize(entry), CaptureMetadata()),
        };
    }

    public override async Task<IReadOnlyList<TEntry>> RetrieveLogSegment(int fromVersion, int toVersion)
    {
        var stored = await _store.Streams.ReadEventsAsync(StreamId, fromVersion, toVersion);
        return stored.Select(e => _store.Serializer.Deserialize<TEntry>(e.EventType, e.Data)).ToList();
    }

    protected override Task ClearPrimaryLogAsync(CancellationToken cancellationToken) =>
        _store.Streams.DeleteStreamAsync(StreamId, cancellationToken);

    private void Apply(TEntry entry)
    {
        try
        {
            Host.UpdateView(_confirmedView, entry);
        }
        catch (Exception exception)
        {
            Services.CaughtUserCodeException("UpdateView", nameof(Apply), exception);
        }

        _confirmedVersion++;
    }

    private void RecordIssue(string operation, Exception exception)
    {
        LastPrimaryIssue.Record(
            new EventStoreUnavailable { Operation = operation, MaxRetryDelay = _store.Options.MaxRetryDelay, Exception = exception },
            Host,
            Services);
        _logger.LogWarning(
            "Event store {Operation} of stream {StreamId} failed ({Failures} in a row), retrying in {Delay}: {Error}",
            operation, StreamId, LastPrimaryIssue.Issue!.NumberOfConsecutiveFailures, LastPrimaryIssue.Issue.RetryDelay,
            exception.Message);
    }

    private void ResolveIssue()
    {
        if (LastPrimaryIssue.Issue is { } issue)
            _logger.LogInformation("Event store reachable again for stream {StreamId} after {Failures} failures", StreamId, issue.NumberOfConsecutiveFailures);
        LastPrimaryIssue.Resolve(Host, Services);
    }

    private static string CaptureMetadata()
    {
        var causationId = RequestContext.Get(EventMetadataKeys.CausationId)?.ToString();
        var tenantId = RequestContext.Get(EventMetadataKeys.TenantId)?.ToString();
        var ownerId = RequestContext.Get(EventMetadataKeys.OwnerId)?.ToString();
        var memory = RequestContext.Get(EventMetadataKeys.Memory)?.ToString();
        var traceId = Activity.Current?.TraceId.ToString();
        if (causationId is null && tenantId is null && ownerId is null && memory is null && traceId is null)
            return "{}";

        var key = (causationId, tenantId, ownerId, memory, traceId);
        if (_lastMetadata is { } last && last.Key == key)
            return last.Json;
        var json = MetadataJson(causationId, tenantId, ownerId, memory, traceId);
        _lastMetadata = (key, json);
        return json;
    }

    private static string MetadataJson(string? causationId, string? tenantId, string? ownerId, string? memory, string? traceId)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (causationId is not null)
                writer.WriteString("causationId", causationId);
            if (tenantId is not null)
                writer.WriteString("tenantId", tenantId);
            if (ownerId is not null)
                writer.WriteString("ownerId", ownerId);
            if (memory is not null)
                writer.WriteString("memory", memory);
            if (traceId is not null)
                writer.WriteString("traceId", traceId);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
