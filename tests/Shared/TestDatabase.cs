using Npgsql;
using Orleans.Conversations.EventStore;

namespace Orleans.Conversations.Tests;

/// <summary>The real PostgreSQL the tests run against, with the event store's schema applied once per test run.</summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<string>> Migrated = new(MigrateAsync);

    /// <summary>The connection string, once the database is reachable and migrated; fails saying how to get one.</summary>
    public static Task<string> GetConnectionStringAsync() => Migrated.Value;

    /// <summary>Runs a command and returns its first value.</summary>
    public static async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// A new, empty database on the same server, dropped when the result is disposed: for tests of what happens to a
    /// database nothing has touched yet.
    /// </summary>
    public static async Task<ScratchDatabase> CreateScratchDatabaseAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(await GetConnectionStringAsync());
        var name = $"scratch_{Guid.NewGuid():N}";
        await using (var connection = await OpenAsync())
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection))
            await create.ExecuteNonQueryAsync();
        var server = builder.ConnectionString;
        builder.Database = name;
        return new ScratchDatabase(builder.ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }

    /// <summary>The event types of a session's stream, in order.</summary>
    public static Task<string> EventTypesAsync(Guid sessionId) => ScalarAsync<string>(
        "SELECT coalesce(string_agg(event_type, ',' ORDER BY version), '') FROM eventstore.events WHERE stream_id = $1",
        StreamOf(sessionId));

    /// <summary>
    /// Writes a conversation of <paramref name="events"/> events straight into the store, as sessions were stored
    /// before they had owners: a <c>SessionStarted</c> without tenant and owner, then messages and replies in turn;
    /// versions <paramref name="fromVersion"/> to <paramref name="events"/> of that conversation, to add to one.
    /// </summary>
    public static Task FillConversationAsync(Guid sessionId, int events, int fromVersion = 1) => ScalarAsync<int>(
        """
        INSERT INTO eventstore.events (stream_id, version, event_type, data, batch_id)
        SELECT $1, v,
               CASE WHEN v = 1 THEN 'SessionStarted' WHEN v % 2 = 0 THEN 'UserMessageReceived' ELSE 'AssistantReplied' END,
               CASE WHEN v = 1 THEN jsonb_build_object('userId', 'bulk', 'recentTurnLimit', 20, 'at', now())
                    WHEN v % 2 = 0 THEN jsonb_build_object('text', 'message ' || v, 'messageId', 'm' || v, 'at', now())
                    ELSE jsonb_build_object('text', 'reply ' || v, 'inReplyTo', 'm' || (v - 1), 'at', now()) END,
               gen_random_uuid()
        FROM generate_series($3, $2) AS v
        RETURNING 0
        """, StreamOf(sessionId), events, fromVersion);

    /// <summary>The stream of a conversation session.</summary>
    public static string StreamOf(Guid sessionId) => $"conversation/{sessionId:N}";

    private static async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(await GetConnectionStringAsync());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<string> MigrateAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "These tests need PostgreSQL: run them with scripts/test, which starts one, or set ConnectionStrings__EventStore.");
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await PostgresEventStoreSchema.ApplyAsync(dataSource);
        }
        catch (NpgsqlException exception)
        {
            throw new InvalidOperationException(
                $"PostgreSQL named by ConnectionStrings__EventStore is unreachable ({exception.Message}). " +
                "Start it with scripts/test (or source scripts/postgres.sh && pg_up).", exception);
        }

        return connectionString;
    }
}
