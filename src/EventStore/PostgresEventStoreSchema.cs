using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Conversations.Migrations;

namespace Orleans.Conversations.EventStore;

/// <summary>
/// The event store's tables and functions (schema <c>eventstore</c>): numbered scripts shipped in this assembly and
/// applied by the provider at silo start-up, or by <see cref="ApplyAsync"/>.
/// </summary>
public static class PostgresEventStoreSchema
{
    /// <summary>The scripts, recorded in <c>public.schema_migrations</c> as <c>eventstore/NNN_name.sql</c>.</summary>
    public static SqlScriptSet Scripts { get; } = new("eventstore", typeof(PostgresEventStoreSchema).Assembly, "eventstore/");

    /// <summary>Applies the scripts not yet applied to the database of <paramref name="dataSource"/>.</summary>
    public static Task ApplyAsync(NpgsqlDataSource dataSource, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        new PostgresMigrator(dataSource, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PostgresMigrator>())
            .MigrateAsync([Scripts], cancellationToken);
}
