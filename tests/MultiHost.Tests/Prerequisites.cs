namespace Orleans.Conversations.MultiHost.Tests;

/// <summary>What the multi-host tests need from the machine, each checked with a message that says how to get it.</summary>
public static class Prerequisites
{
    /// <summary>The PostgreSQL major version whose pg_auto_failover package the tests use.</summary>
    public const string PostgresVersion = "15";

    /// <summary>The folder of PostgreSQL's server programs.</summary>
    public static string PostgresBin => $"/usr/lib/postgresql/{PostgresVersion}/bin";

    /// <summary>Root, and the <c>ip</c>, <c>unshare</c> and <c>runuser</c> commands: network namespaces need them.</summary>
    public static void RequireNetworkAdministration()
    {
        if (Shell.Run("id", "-u").Trim() != "0")
        {
            throw new InvalidOperationException(
                "The multi-host tests build network namespaces and need root: run scripts/test as root (CI does), " +
                "or sudo dotnet test tests/MultiHost.Tests.");
        }

        foreach (var tool in new[] { "/usr/sbin/ip", "/usr/bin/unshare", "/usr/sbin/runuser" })
        {
            if (!File.Exists(tool) && !File.Exists(tool.Replace("/usr/sbin/", "/sbin/", StringComparison.Ordinal)))
                throw new InvalidOperationException($"{tool} is missing: apt-get install -y iproute2 util-linux");
        }
    }

    /// <summary>pg_auto_failover for PostgreSQL <see cref="PostgresVersion"/>: <c>pg_autoctl</c> and the monitor's extension.</summary>
    public static void RequirePgAutoFailover()
    {
        if (!File.Exists("/usr/bin/pg_autoctl") || !File.Exists($"/usr/lib/postgresql/{PostgresVersion}/lib/pgautofailover.so") ||
            !File.Exists(Path.Combine(PostgresBin, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"pg_auto_failover for PostgreSQL {PostgresVersion} is missing: apt-get install -y postgresql-{PostgresVersion}-auto-failover " +
                "(scripts/test installs it when run as root).");
        }
    }
}
