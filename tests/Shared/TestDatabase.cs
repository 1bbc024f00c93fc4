using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Conversations.Silo.Database;

namespace Orleans.Conversations.Tests;

/// <summary>The real PostgreSQL the tests run against, migrated once per test run.</summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<string>> Migrated = new(MigrateAsync);

    /// <summary>The connection string, once the database is reachable and migrated; fails saying how to get one.</summary>
    public static Task<string> GetConnectionStringAsync() => Migrated.Value;

    /// <summary>Runs a command and returns its first value.</summary>
    public static async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(await GetConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The event types of a session's stream, in order.</summary>
    public static Task<string> EventTypesAsync(Guid sessionId) => ScalarAsync<string>(
        "SELECT coalesce(string_agg(event_type, ',' ORDER BY version), '') FROM eventstore.events WHERE stream_id = $1",
        StreamOf(sessionId));

    /// <summary>The stream of a conversation session.</summary>
    public static string StreamOf(Guid sessionId) => $"conversation/{sessionId:N}";

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
            await new DatabaseMigrator(connectionString, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
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
