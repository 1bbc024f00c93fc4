using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Conversations.Silo.Hosting;
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

    [Theory]
    [InlineData("Host=db;Database=conversations", 64, 2, true)]
    [InlineData("Host=db;Database=conversations;Max Auto Prepare=0", 0, 5, true)]
    [InlineData("Host=db;Database=conversations;MaxAutoPrepare=10", 10, 5, true)]
    [InlineData("Host=db;Database=conversations;Auto Prepare Min Usages=7", 64, 7, true)]
    [InlineData("Host=db;Database=conversations;No Reset On Close=false", 64, 2, false)]
    public void the_shared_data_source_prepares_statements_and_skips_the_reset_unless_the_connection_string_says_otherwise(
        string connectionString, int maxAutoPrepare, int minUsages, bool noReset)
    {
        var prepared = new NpgsqlConnectionStringBuilder(EventStoreDatabase.WithPreparedStatements(connectionString));

        Assert.Equal(maxAutoPrepare, prepared.MaxAutoPrepare);
        Assert.Equal(minUsages, prepared.AutoPrepareMinUsages);
        Assert.Equal(noReset, prepared.NoResetOnClose);
        Assert.Equal("db", prepared.Host);
    }

    [Fact]
    public async Task every_orleans_script_can_be_applied_again_on_a_migrated_database()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        var scripts = OrleansSchema.Scripts;
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

    [Theory]
    [InlineData(null, null, "127.0.0.1", "127.0.0.1")]
    [InlineData("10.20.30.40", null, "10.20.30.40", "10.20.30.40")]
    [InlineData("10.20.30.40", "0.0.0.0", "10.20.30.40", "0.0.0.0")]
    public void a_silo_listens_on_its_advertised_address_only_unless_told_otherwise(
        string? advertised, string? listen, string expectedAdvertised, string expectedListening)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:EventStore"] = "Host=127.0.0.1;Database=unused" };
        if (advertised is not null)
            settings["Silo:AdvertisedAddress"] = advertised;
        if (listen is not null)
            settings["Silo:ListenAddress"] = listen;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddConversationSilo();
        using var host = builder.Build();

        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

        Assert.Equal(IPAddress.Parse(expectedAdvertised), endpoints.AdvertisedIPAddress);
        Assert.Equal(IPAddress.Parse(expectedListening), endpoints.SiloListeningEndpoint!.Address);
        Assert.Equal(IPAddress.Parse(expectedListening), endpoints.GatewayListeningEndpoint!.Address);
    }
}
