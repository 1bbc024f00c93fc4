using Npgsql;

namespace Orleans.Conversations.Migrations;

/// <summary>Names a database in messages.</summary>
public static class NpgsqlEndpoint
{
    /// <summary>Where <paramref name="dataSource"/> points, <c>host:port/database</c>, never the password.</summary>
    public static string Describe(NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
