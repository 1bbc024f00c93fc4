using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;
using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.EventStore;

/// <summary>Settings of one named PostgreSQL event store.</summary>
public sealed class PostgresEventStoreOptions
{
    /// <summary>
    /// The Npgsql connection string of the database that holds the <c>eventstore</c> schema; set this or
    /// <see cref="DataSource"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// A data source shared with the rest of the process (one connection pool for everything); set this or
    /// <see cref="ConnectionString"/>. The store does not dispose it.
    /// </summary>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>
    /// Whether the silo applies the store's schema (<see cref="PostgresEventStoreSchema"/>) at start-up; off, start-up
    /// only checks that another process has applied it.
    /// </summary>
    public bool ApplySchemaAtStartup { get; set; } = true;

    /// <summary>Take a snapshot of a stream's state every this many events; 0 turns snapshots off.</summary>
    public int SnapshotInterval { get; set; } = 100;

    /// <summary>
    /// How many of a stream's newest snapshots are kept; older ones are deleted as new ones are taken. Time travel to a
    /// version older than the oldest kept snapshot replays from the first event.
    /// </summary>
    public int SnapshotsKept { get; set; } = 2;

    /// <summary>The longest wait between two attempts while the database is unreachable.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The most appends (of different streams) written together in one round trip and transaction; 1 writes each
    /// append on its own.
    /// </summary>
    public int MaxAppendBatchSize { get; set; } = 256;

    /// <summary>How many such batches may be in flight at once.</summary>
    public int ConcurrentAppendBatches { get; set; } = 2;

    /// <summary>The stable name stored with each event, per event type. Every event type must be mapped.</summary>
    public EventTypeMap EventTypes { get; } = new();

    /// <summary>Rewrites of stored events of older shapes, applied in order when they are read.</summary>
    public IList<IEventUpcaster> Upcasters { get; } = [];

    /// <summary>How events and snapshots are written as JSON: camelCase, with non-ASCII text kept as it is.</summary>
    public JsonSerializerOptions JsonOptions { get; set; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
