using Npgsql;
using NpgsqlTypes;

namespace Orleans.Conversations.EventStore.Storage;

internal sealed partial class EventStreamStore
{
    // Only transactions below the statement snapshot's xmin have all ended: their rows are visible now and no row
    // with such a transaction id can appear later, so a cursor that has passed them never misses one. Tombstones are
    // read the same way, as markers in the place of the transaction that erased their stream.
    private static string FeedSql(bool oneTenant)
    {
        var tenant = oneTenant ? "AND tenant_id = $4" : "";
        return $$"""
            (SELECT transaction_id, global_position, stream_id, version, event_type, recorded_at, data::text, tenant_id, metadata::text
             FROM eventstore.events
             WHERE (transaction_id, global_position) > ($1, $2) AND transaction_id < pg_snapshot_xmin(pg_current_snapshot()) {{tenant}}
             ORDER BY transaction_id, global_position LIMIT $3)
            UNION ALL
            (SELECT transaction_id, global_position, stream_id, 0, '{{FeedEvent.StreamErasedType}}', erased_at, '{}'::text, tenant_id, '{}'::text
             FROM eventstore.erased_streams
             WHERE (transaction_id, global_position) > ($1, $2) AND transaction_id < pg_snapshot_xmin(pg_current_snapshot()) {{tenant}}
             ORDER BY transaction_id, global_position LIMIT $3)
            ORDER BY 1, 2 LIMIT $3
            """;
    }

    private static readonly string AllTenantsFeedSql = FeedSql(oneTenant: false);
    private static readonly string OneTenantFeedSql = FeedSql(oneTenant: true);

    /// <summary>Events after <paramref name="after"/> in commit order, of one tenant or of all; as stored.</summary>
    public async Task<List<FeedEvent>> ReadFeedAsync(FeedCursor after, int limit, string? tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(tenantId is null ? AllTenantsFeedSql : OneTenantFeedSql);
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
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetString(8)));
        }

        return events;
    }

    /// <summary>The cursor of the last event the feed can show now, or the start when there is none.</summary>
    public async Task<FeedCursor> FeedEndAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT transaction_id, global_position FROM eventstore.events
            WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY transaction_id DESC, global_position DESC LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new FeedCursor(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : FeedCursor.Start;
    }

    /// <summary>When the first committed event after <paramref name="after"/> was recorded, visible to the feed yet or not.</summary>
    public async Task<DateTimeOffset?> OldestAfterAsync(FeedCursor after, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT recorded_at FROM eventstore.events WHERE (transaction_id, global_position) > ($1, $2) ORDER BY transaction_id, global_position LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after.Position });
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }
}
