using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Orleans.Conversations.ServiceDefaults;

/// <summary>
/// The PostgreSQL every process of the service shares (events, snapshots, clustering, grain storage): one setting,
/// <c>ConnectionStrings:EventStore</c>, and one <see cref="NpgsqlDataSource"/> (one connection pool) per process.
/// </summary>
public static class EventStoreDatabase
{
    /// <summary>The name under <c>ConnectionStrings</c> (environment: <c>ConnectionStrings__EventStore</c>).</summary>
    public const string ConnectionStringName = "EventStore";

    /// <summary>The connection string, or a start-up failure that names the setting.</summary>
    public static string RequireConnectionString(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:EventStore is not set. Set the environment variable ConnectionStrings__EventStore " +
                "(for example Host=127.0.0.1;Port=55432;Database=conversations;Username=conversations;Password=conversations), " +
                "or start the service with scripts/run, which sets it.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"ConnectionStrings:EventStore is not a valid connection string: {exception.Message}", exception);
        }

        return value;
    }

    /// <summary>Registers the process's one <see cref="NpgsqlDataSource"/>, from <c>ConnectionStrings:EventStore</c>.</summary>
    public static IHostApplicationBuilder AddEventStoreDataSource(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEventStoreDataSource(RequireConnectionString(builder.Configuration));
        return builder;
    }

    /// <summary>
    /// Registers the process's one <see cref="NpgsqlDataSource"/> for <paramref name="connectionString"/>, logging through
    /// the host; a data source registered earlier is kept.
    /// </summary>
    public static IServiceCollection AddEventStoreDataSource(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(sp => new NpgsqlDataSourceBuilder(WithPreparedStatements(connectionString))
            .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
            .Build());
        return services;
    }

    /// <summary>
    /// The connection string with Npgsql's automatic preparation on (<c>Max Auto Prepare=64;Auto Prepare Min Usages=2</c>)
    /// and without the reset of a connection handed back to the pool (<c>No Reset On Close=true</c>), unless it says
    /// otherwise. The service sends the same few statements thousands of times a second: a prepared statement skips
    /// PostgreSQL's parse and plan (about 30% of the database's CPU per message under load), and the reset is six more
    /// statements for the server each time a connection is taken again. The service leaves no session state behind
    /// (its locks are the transaction's, the migrator releases its own).
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains(nameof(builder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = 64;
            if (!given.Contains(nameof(builder.AutoPrepareMinUsages)))
                builder.AutoPrepareMinUsages = 2;
        }

        if (!given.Contains(nameof(builder.NoResetOnClose)))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>Where the data source points, <c>host:port/database</c>, for messages (never the password).</summary>
    public static string DescribeEndpoint(this NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
