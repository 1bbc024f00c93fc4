using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Orleans.Conversations.Migrations;

/// <summary>
/// Brings a database up to date with <see cref="SqlScriptSet"/>s: each numbered script not yet recorded in
/// <c>public.schema_migrations</c> is applied in its own transaction and recorded with its checksum. Applied numbered
/// scripts are immutable: one whose text changed since is a start-up error, because a change belongs in a new numbered
/// script. After a set's numbered scripts, each of its repeatable scripts whose checksum differs from the one recorded
/// (or that is not recorded yet) is applied and its checksum recorded. An advisory lock keeps processes that start
/// together from applying scripts at once.
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
                    var checksum = Checksum(text);
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

                foreach (var script in set.RepeatableScripts)
                {
                    var key = $"{set.Name}/{script}";
                    var text = set.Read(script);
                    var checksum = Checksum(text);
                    if (applied.TryGetValue(key, out var appliedChecksum) && appliedChecksum == checksum)
                        continue;

                    await ApplyAsync(connection, key, text, checksum, cancellationToken);
                    logger.LogInformation("Applied repeatable database script {Script}", key);
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
        await using (var record = new NpgsqlCommand(
            """
            INSERT INTO public.schema_migrations (script, checksum) VALUES ($1, $2)
            ON CONFLICT (script) DO UPDATE SET checksum = excluded.checksum, applied_at = now()
            """, connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = checksum });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The numbered scripts of <paramref name="scriptSets"/> the database has not recorded, as <c>{set}/{file}</c>:
    /// for a process that expects the schema applied by another and must not apply it itself.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindMissingAsync(IEnumerable<SqlScriptSet> scriptSets, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('public.schema_migrations') IS NOT NULL", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
                return [.. scriptSets.SelectMany(set => set.Scripts.Select(script => $"{set.Name}/{script}"))];
        }

        var applied = await ReadAppliedAsync(connection, cancellationToken);
        return [.. scriptSets.SelectMany(set => set.Scripts.Select(script => $"{set.Name}/{script}")).Where(key => !applied.ContainsKey(key))];
    }

    private static string Checksum(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

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
