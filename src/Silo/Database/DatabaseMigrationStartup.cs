using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Orleans.Conversations.Silo.Database;

/// <summary>Applies the database scripts as the first step of silo start-up, before clustering or storage run.</summary>
internal sealed class DatabaseMigrationStartup(string connectionString, ILoggerFactory loggerFactory)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatabaseMigrationStartup), ServiceLifecycleStage.First, MigrateAsync);

    private Task MigrateAsync(CancellationToken cancellationToken) =>
        new DatabaseMigrator(connectionString, loggerFactory.CreateLogger<DatabaseMigrator>()).MigrateAsync(cancellationToken);
}
