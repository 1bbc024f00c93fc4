using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Orleans.Conversations.Silo.Database;

/// <summary>
/// Applies the numbered scripts of <c>sql/</c> (embedded in this assembly) in order. Each script is idempotent; one
/// that was applied before is applied again only if its text changed. An advisory lock keeps processes that start at
/// the same time from applying scripts at once.
/// </summary>
public sealed class DatabaseMigrator(string connectionString, ILogger<DatabaseMigrator> logger)
{
    private const long AdvisoryLockKey = 0x4F_43_4F_4E_56_4D_49_47; // "OCONVMIG"
    private const string ResourcePrefix = "sql/";

    /// <summary>The embedded scripts, in the order they apply.</summary>
    public static IReadOnlyList<string> ScriptNames { get; } = typeof(DatabaseMigrator).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Brings the database's schema up to date.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock($1)", cancellationToken, AdvisoryLockKey);
        try
        {
            await ExecuteAsync(connection,
                """
                CREATE TABLE IF NOT EXISTS public.schema_migrations (
                    script     text PRIMARY KEY,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            foreach (var name in ScriptNames)
            {
                var script = ReadScript(name);
                var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
                var scriptName = name[ResourcePrefix.Length..];
                if (applied.TryGetValue(scriptName, out var appliedChecksum) && appliedChecksum == checksum)
                    continue;

                await ApplyAsync(connection, scriptName, script, checksum, cancellationToken);
                logger.LogInformation("Applied database script {Script}", scriptName);
            }
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None, AdvisoryLockKey);
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, string name, string script, string checksum, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(script, connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await using (var record = new NpgsqlCommand(
            """
            INSERT INTO public.schema_migrations (script, checksum) VALUES ($1, $2)
            ON CONFLICT (script) DO UPDATE SET checksum = excluded.checksum, applied_at = now()
            """, connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = checksum });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<string, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT script, checksum FROM public.schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            applied[reader.GetString(0)] = reader.GetString(1);
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ReadScript(string resourceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
