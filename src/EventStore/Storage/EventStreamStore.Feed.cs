using Npgsql;
using NpgsqlTypes;

namespace Orleans.Conversations.EventStore.Storage;

internal sealed partial class EventStreamStore
{
    // Only transactions below the statement snapshot's xmin have all ended: their rows are visible now and no row
    // with such a transaction id can appear later, so a cursor that has passed them never misses one.
    private const string FeedSql =
        """
        SELECT transaction_id, global_position, stream_id, version, event_type, recorded_at, data::text, tenant_id
        FROM eventstore.events
        WHERE (transaction_id, global_position) > ($1, $2)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        """;

    /// <summary>Events after <paramref name="after"/> in commit order, of one tenant or of all; as stored.</summary>
    public async Task<List<FeedEvent>> ReadFeedAsync(FeedCursor after, int limit, string? tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            FeedSql + (tenantId is null ? "" : "  AND tenant_id = $4\n") + "ORDER BY transaction_id, global_position LIMIT $3");
        command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after.Position });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = limit });
        if (tenantId is not null)
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });

        var events = new List<FeedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new FeedEvent(
                new FeedCursor(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetString(4),
                new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return events;
    }
}
