using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Conversations.Silo.Database;

namespace Orleans.Conversations.EventStore.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task migrations_started_by_several_processes_at_once_all_succeed_and_record_each_script_once()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            new DatabaseMigrator(connectionString, NullLogger<DatabaseMigrator>.Instance).MigrateAsync())));

        Assert.Equal(DatabaseMigrator.ScriptNames.Count, (int)await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM public.schema_migrations"));
        Assert.Contains("sql/004_event_store.sql", DatabaseMigrator.ScriptNames);
    }

    [Fact]
    public async Task every_script_can_be_applied_again_on_a_migrated_database()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        foreach (var name in DatabaseMigrator.ScriptNames)
        {
            await using var stream = typeof(DatabaseMigrator).Assembly.GetManifestResourceStream(name)!;
            var script = await new StreamReader(stream).ReadToEndAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand(script, connection, transaction))
                await command.ExecuteNonQueryAsync();
            await transaction.RollbackAsync();
        }
    }
}
