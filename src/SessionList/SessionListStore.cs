using Npgsql;
using Orleans.Conversations.EventStore;

namespace Orleans.Conversations.SessionList;

/// <summary>
/// Reads the session list, and removes the rows of deleted sessions. A removal waits for a projection batch in progress
/// (they share one lock), so a batch that read the session's events before they were erased cannot bring its row back.
/// </summary>
public sealed class SessionListStore(NpgsqlDataSource dataSource)
{
    /// <summary>The projection's position (row <c>sessions</c> of <c>session_list.projection</c>) and lock.</summary>
    internal static readonly FeedProjectionTable Projection = new("session_list.projection", "sessions");

    /// <summary>Up to <paramref name="limit"/> sessions of a user, newest activity first, after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<SessionListEntry>> ListAsync(
        string tenant, string owner, int limit, SessionListCursor? after = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT session_id, tenant, owner, coalesce(title, default_title), started_at, last_activity_at, message_count, version,
                   forked_from_session, forked_from_version
            FROM session_list.sessions
            WHERE tenant = $1 AND owner = $2 AND ($3::timestamptz IS NULL OR (last_activity_at, session_id) < ($3, $4))
            ORDER BY last_activity_at DESC, session_id DESC
            LIMIT $5
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter { Value = after is { } a ? a.LastActivityAt : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after?.SessionId ?? Guid.Empty });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadEntriesAsync(command, cancellationToken);
    }

    /// <summary>A user's forks of session <paramref name="parent"/>, in the order of the parent's versions they were made at, then of their start.</summary>
    public async Task<IReadOnlyList<SessionListEntry>> ForksOfAsync(string tenant, string owner, Guid parent, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT session_id, tenant, owner, coalesce(title, default_title), started_at, last_activity_at, message_count, version,
                   forked_from_session, forked_from_version
            FROM session_list.sessions
            WHERE tenant = $1 AND owner = $2 AND forked_from_session = $3
            ORDER BY forked_from_version, started_at, session_id
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = parent });
        return await ReadEntriesAsync(command, cancellationToken);
    }

    /// <summary>Every session of a user.</summary>
    public async Task<IReadOnlyList<Guid>> ListIdsAsync(string tenant, string owner, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT session_id FROM session_list.sessions WHERE tenant = $1 AND owner = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> sessions, of any tenant, with no activity since <paramref name="before"/> as far as
    /// the list knows, oldest activity first, after <paramref name="after"/> in that order.
    /// </summary>
    public async Task<IReadOnlyList<SessionListEntry>> IdleSinceAsync(
        DateTimeOffset before, int limit, SessionListCursor? after = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT session_id, tenant, owner, coalesce(title, default_title), started_at, last_activity_at, message_count, version,
                   forked_from_session, forked_from_version
            FROM session_list.sessions
            WHERE last_activity_at < $1 AND ($2::timestamptz IS NULL OR (last_activity_at, session_id) > ($2, $3))
            ORDER BY last_activity_at, session_id
            LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before });
        command.Parameters.Add(new NpgsqlParameter { Value = after is { } a ? a.LastActivityAt : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after?.SessionId ?? Guid.Empty });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadEntriesAsync(command, cancellationToken);
    }

    /// <summary>Removes the row of a deleted session, once no projection batch is in progress; whether there was one.</summary>
    public async Task<bool> RemoveAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        await DeleteAfterProjectionAsync("DELETE FROM session_list.sessions WHERE session_id = $1", cancellationToken,
            new NpgsqlParameter<Guid> { TypedValue = sessionId }) > 0;

    /// <summary>Removes every row of a user's sessions, once no projection batch is in progress; how many there were.</summary>
    public Task<int> RemoveOwnerAsync(string tenant, string owner, CancellationToken cancellationToken = default) =>
        DeleteAfterProjectionAsync("DELETE FROM session_list.sessions WHERE tenant = $1 AND owner = $2", cancellationToken,
            new NpgsqlParameter<string> { TypedValue = tenant }, new NpgsqlParameter<string> { TypedValue = owner });

    /// <summary>Runs <paramref name="delete"/> under the projection lock, so a batch in progress cannot bring rows back.</summary>
    private async Task<int> DeleteAfterProjectionAsync(string delete, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand(Projection.LockStatement, connection, transaction))
            await locking.ExecuteNonQueryAsync(cancellationToken);
        int removed;
        await using (var command = new NpgsqlCommand(delete, connection, transaction))
        {
            command.Parameters.AddRange(parameters);
            removed = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    private static async Task<IReadOnlyList<SessionListEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<SessionListEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new SessionListEntry(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt32(6), reader.GetInt32(7),
                reader.IsDBNull(8) ? null : new ListedForkOrigin(reader.GetGuid(8), reader.GetInt32(9))));
        }

        return entries;
    }
}
