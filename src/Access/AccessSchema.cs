using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Conversations.Migrations;

namespace Orleans.Conversations.Access;

/// <summary>
/// The API key table (schema <c>access</c>): numbered scripts shipped in this assembly, applied at start-up by the
/// processes that read keys (the gateway, the admin tool), or by <see cref="ApplyAsync"/>.
/// </summary>
public static class AccessSchema
{
    /// <summary>The scripts, recorded in <c>public.schema_migrations</c> as <c>access/NNN_name.sql</c>.</summary>
    public static SqlScriptSet Scripts { get; } = new("access", typeof(AccessSchema).Assembly, "access/");

    /// <summary>Applies the scripts not yet applied to the database of <paramref name="dataSource"/>.</summary>
    public static Task ApplyAsync(NpgsqlDataSource dataSource, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        new PostgresMigrator(dataSource, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PostgresMigrator>())
            .MigrateAsync([Scripts], cancellationToken);
}
