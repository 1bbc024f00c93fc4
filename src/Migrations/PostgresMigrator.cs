using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Orleans.Conversations.Migrations;

/// <summary>
/// Brings a database up to date with <see cref="SqlScriptSet"/>s: each script not yet recorded in
/// <c>public.schema_migrations</c> is applied in its own transaction and recorded with its checksum. Applied scripts
/// are immutable: one whose text changed since is a start-up error, because a change belongs in a new numbered script.
/// An advisory lock keeps processes that start together from applying scripts at once.
/// </summary>
public sealed class PostgresMigrator(NpgsqlDataSource dataSource, ILogger<PostgresMigrator> logger)
{
    private const long AdvisoryLockKey = 0x4F_43_4F_4E_56_4D_49_47; // "OCONVMIG"

    /// <summary>Applies the scripts of <paramref name="scriptSets"/> that are not applied yet, set by set, in order.</summary>
    /// <exception cref="InvalidOperationException">An applied script has been changed since.</exception>
    public async Task MigrateAsync(IEnumerable<SqlScriptSet> scriptSets, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
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
            foreach (var set in scriptSets)
            {
                foreach (var script in set.Scripts)
                {
                    var key = $"{set.Name}/{script}";
                    var text = set.Read(script);
                    var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
                    if (applied.TryGetValue(key, out var appliedChecksum))
                    {
                        if (appliedChecksum != checksum)
                        {
                            throw new InvalidOperationException(
                                $"Database script {key} was changed after it was applied (checksum {appliedChecksum}, now {checksum}). " +
                                "Applied scripts are immutable: restore it and put the change in a new numbered script.");
                        }

                        continue;
                    }

                    await ApplyAsync(connection, key, text, checksum, cancellationToken);
                    logger.LogInformation("Applied database script {Script}", key);
                }
            }
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None, AdvisoryLockKey);
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, string key, string script, string checksum, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(script, connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await using (var record = new NpgsqlCommand("INSERT INTO public.schema_migrations (script, checksum) VALUES ($1, $2)", connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
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
}
