using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Conversations.EventStore.Hosting;
using Orleans.Conversations.EventStore.Tests.Journal;
using Orleans.Hosting;

namespace Orleans.Conversations.EventStore.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task a_silo_without_a_connection_string_fails_at_start_up_naming_the_setting()
    {
        using var host = BuildSilo(connectionString: null);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Event store 'EventStore'", failure.Message);
        Assert.Contains("ConnectionString is missing", failure.Message);
    }

    [Fact]
    public async Task a_silo_whose_database_is_unreachable_fails_at_start_up_naming_the_store_and_the_database()
    {
        using var host = BuildSilo("Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Password=y;Timeout=2");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var message = Flatten(failure);
        Assert.Contains("127.0.0.1:1/nowhere", message);
        Assert.Contains("Event store 'EventStore'", message);
    }

    [Fact]
    public async Task a_plain_orleans_silo_with_only_the_event_store_creates_its_schema_in_an_empty_database()
    {
        await using var database = await TestDatabase.CreateScratchDatabaseAsync();
        using var host = BuildSilo(database.ConnectionString);

        await host.StartAsync();
        await host.StopAsync();

        await using var dataSource = Npgsql.NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT to_regclass('eventstore.events') IS NOT NULL AND to_regprocedure('eventstore.append_to_streams(text[],integer[],uuid[],integer[],text[],jsonb[],jsonb[])') IS NOT NULL");
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }

    private static IHost BuildSilo(string? connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort())
            .AddPostgresEventStore("EventStore", options => options.Configure(o =>
            {
                o.ConnectionString = connectionString;
                o.EventTypes.AddFromAssembly(typeof(JournalGrain).Assembly);
            })));
        return builder.Build();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}
