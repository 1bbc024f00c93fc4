using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Conversations.Migrations;
using Orleans.Conversations.SessionList;
using Orleans.Conversations.ServiceDefaults;
using Orleans.Runtime;

namespace Orleans.Conversations.Silo.Database;

/// <summary>
/// Applies Orleans' clustering and grain-storage schema (the scripts of <c>sql/</c>, embedded in this assembly) as the
/// first step of silo start-up, before clustering or storage run, and the session list's. The event store applies its own.
/// </summary>
internal sealed class DatabaseMigrationStartup(NpgsqlDataSource dataSource, ILoggerFactory loggerFactory)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The Orleans scripts, recorded as <c>orleans/NNN_name.sql</c>.</summary>
    public static SqlScriptSet OrleansScripts { get; } = new("orleans", typeof(DatabaseMigrationStartup).Assembly, "orleans/");

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatabaseMigrationStartup), ServiceLifecycleStage.First, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await new PostgresMigrator(dataSource, loggerFactory.CreateLogger<PostgresMigrator>()).MigrateAsync([OrleansScripts, SessionListSchema.Scripts], cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"Cannot reach PostgreSQL at {dataSource.DescribeEndpoint()} (setting ConnectionStrings:EventStore): {exception.Message}", exception);
        }
    }
}
