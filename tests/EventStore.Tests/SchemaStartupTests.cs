using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Conversations.Migrations.Hosting;

namespace Orleans.Conversations.EventStore.Tests;

public sealed class SchemaStartupTests
{
    [Fact]
    public async Task the_registered_scripts_are_applied_before_any_other_hosted_service_starts_even_one_registered_earlier()
    {
        await using var database = await TestDatabase.CreateScratchDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var probe = new SchemaProbe(dataSource);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHostedService(_ => probe);
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddPostgresSchema("Event store 'probe'", PostgresEventStoreSchema.Scripts);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.True(probe.SawEventsTable);
    }

    [Fact]
    public async Task an_unreachable_database_is_waited_for_then_stops_start_up_naming_the_component_and_the_database_but_no_secret()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Password=hunter2;Timeout=2"));
        builder.Services.AddPostgresSchema("Event store 'probe'", PostgresEventStoreSchema.Scripts);
        builder.Services.Configure<SchemaStartupOptions>(o => o.MaxWait = TimeSpan.FromSeconds(1));
        using var host = builder.Build();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Event store 'probe'", failure.Message);
        Assert.Contains("127.0.0.1:1/nowhere", failure.Message);
        Assert.DoesNotContain("hunter2", failure.Message);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(600), $"start-up gave up after {clock.Elapsed} without waiting");
    }

    private sealed class SchemaProbe(NpgsqlDataSource dataSource) : IHostedService
    {
        public bool SawEventsTable { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var command = dataSource.CreateCommand("SELECT to_regclass('eventstore.events') IS NOT NULL");
            SawEventsTable = await command.ExecuteScalarAsync(cancellationToken) is true;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
