using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Orleans.Conversations.Silo.Hosting;

/// <summary>Reads the one setting every process of the cluster shares: the PostgreSQL connection string.</summary>
public static class EventStoreConnection
{
    /// <summary>The configuration key, <c>ConnectionStrings:EventStore</c> (environment: <c>ConnectionStrings__EventStore</c>).</summary>
    public const string Name = "EventStore";

    /// <summary>The connection string, or a start-up failure that names the setting.</summary>
    public static string Require(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString(Name);
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
}
