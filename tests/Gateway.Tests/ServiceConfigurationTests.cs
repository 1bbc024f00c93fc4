using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Conversations.Migrations;
using Orleans.Conversations.ServiceDefaults;
using Orleans.Conversations.Silo.Database;

namespace Orleans.Conversations.Gateway.Tests;

public sealed class ServiceConfigurationTests
{
    [Fact]
    public void a_host_refuses_to_build_without_the_connection_string_setting_and_names_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([]).Build();

        var failure = Assert.Throws<InvalidOperationException>(() => EventStoreDatabase.RequireConnectionString(configuration));

        Assert.Contains("ConnectionStrings__EventStore", failure.Message);
    }

    [Fact]
    public async Task every_orleans_script_can_be_applied_again_on_a_migrated_database()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        var scripts = DatabaseMigrationStartup.OrleansScripts;
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync([scripts]);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        Assert.Equal(["001_orleans_main.sql", "002_orleans_clustering.sql", "003_orleans_persistence.sql"], scripts.Scripts);
        foreach (var script in scripts.Scripts)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand(scripts.Read(script), connection, transaction))
                await command.ExecuteNonQueryAsync();
            await transaction.RollbackAsync();
        }
    }
}
