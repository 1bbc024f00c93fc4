using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Conversations.Migrations;

namespace Orleans.Conversations.EventStore.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task migrations_started_by_several_processes_at_once_all_succeed_and_record_each_script_once()
    {
        await using var database = await TestDatabase.CreateScratchDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
            await PostgresEventStoreSchema.ApplyAsync(dataSource);
        })));

        await using var check = NpgsqlDataSource.Create(database.ConnectionString);
        await using var count = check.CreateCommand("SELECT count(*) FROM public.schema_migrations WHERE script LIKE 'eventstore/%'");
        Assert.Equal((long)PostgresEventStoreSchema.Scripts.Scripts.Count, await count.ExecuteScalarAsync());
        Assert.Contains("001_events.sql", PostgresEventStoreSchema.Scripts.Scripts);
    }

    [Fact]
    public async Task every_event_store_script_can_be_applied_again_on_a_migrated_database()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        foreach (var script in PostgresEventStoreSchema.Scripts.Scripts)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand(PostgresEventStoreSchema.Scripts.Read(script), connection, transaction))
                await command.ExecuteNonQueryAsync();
            await transaction.RollbackAsync();
        }
    }

    [Fact]
    public async Task an_applied_script_whose_text_changed_stops_the_migration_naming_the_script()
    {
        await using var database = await TestDatabase.CreateScratchDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await PostgresEventStoreSchema.ApplyAsync(dataSource);
        await using (var tamper = dataSource.CreateCommand("UPDATE public.schema_migrations SET checksum = 'edited' WHERE script = 'eventstore/001_events.sql'"))
            await tamper.ExecuteNonQueryAsync();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync([PostgresEventStoreSchema.Scripts]));

        Assert.Contains("eventstore/001_events.sql", failure.Message);
        Assert.Contains("new numbered script", failure.Message);
    }
}
