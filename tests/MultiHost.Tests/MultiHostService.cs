using System.Diagnostics;
using Npgsql;

namespace Orleans.Conversations.MultiHost.Tests;

/// <summary>
/// The service spread over hosts of a <see cref="NetworkLab"/>: three silos and a gateway, each on a host of its own
/// and advertising its own address, clustered through the membership table of a pg_auto_failover formation that they
/// reach with a multi-host connection string. The test reaches the gateway over the lab's network.
/// </summary>
public sealed class MultiHostService : IAsyncLifetime
{
    public const int ConfirmTimeoutSeconds = 3;
    private const int GatewayPort = 8080;

    private readonly List<ServiceProcess> _stopped = [];
    private NetworkLab? _lab;

    public NetworkLab Lab => _lab ?? throw new InvalidOperationException("The lab is not built.");

    public PostgresFormation Database { get; private set; } = null!;

    public List<(LabHost Host, ServiceProcess Process)> Silos { get; } = [];

    public (LabHost Host, ServiceProcess Process) Gateway { get; private set; }

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Seconds from the first process started to the gateway ready, for the report.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>What every process printed last, for failure messages.</summary>
    public string Logs => string.Join("\n",
        Silos.Select(s => s.Process).Append(Gateway.Process).Concat(_stopped).Where(p => p is not null)
            .Select(p => $"--- {p.Name} ---\n{p.Tail}")) + "\n" + Database?.Logs;

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        _lab = NetworkLab.Create();
        Database = await PostgresFormation.StartAsync(_lab);
        for (var i = 1; i <= 3; i++)
        {
            var host = _lab.AddHost($"silo{i}");
            Silos.Add((host, StartSilo(host)));
        }

        var gatewayHost = _lab.AddHost("gw");
        Gateway = (gatewayHost, ServiceProcess.Start("gateway", "Gateway", new Dictionary<string, string>(Shared)
        {
            ["ASPNETCORE_URLS"] = $"http://{gatewayHost.Address}:{GatewayPort}",
            // The lab's network is private to this test; a real deployment keeps auth required off loopback.
            ["Auth__Mode"] = "open",
            ["RateLimit__Enabled"] = "false",
            ["Gateway__CallTimeout"] = "00:00:20",
            ["Gateway__RetryWindow"] = "00:00:08",
            ["Gateway__RetryAfterSeconds"] = "1",
        }, gatewayHost.Launcher));
        Client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = new Uri($"http://{gatewayHost.Address}:{GatewayPort}"),
            Timeout = TimeSpan.FromSeconds(40),
        };
        await WaitUntilReadyAsync();
        StartupTime = clock.Elapsed;
    }

    /// <summary>Starts the silo of <paramref name="host"/> again, as its supervisor (systemd, a container runtime) would.</summary>
    public ServiceProcess RestartSilo(LabHost host)
    {
        var index = Silos.FindIndex(s => s.Host == host);
        _stopped.Add(Silos[index].Process);
        var process = StartSilo(host);
        Silos[index] = (host, process);
        return process;
    }

    /// <summary>The membership table's rows for <paramref name="host"/>: generation and Orleans status (3 active, 6 dead).</summary>
    public async Task<List<(int Generation, int Status)>> MembershipAsync(LabHost host)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            "SELECT generation, status FROM orleansmembershiptable WHERE address = $1 ORDER BY generation", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = host.Address });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, int)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt32(0), reader.GetInt32(1)));
        return rows;
    }

    /// <summary>A connection to the formation's current primary, through the same multi-host connection string as the service.</summary>
    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        foreach (var process in Silos.Select(s => s.Process).Append(Gateway.Process).Concat(_stopped))
            process?.Dispose();
        Database?.Dispose();
        _lab?.Dispose();
        return Task.CompletedTask;
    }

    private Dictionary<string, string> Shared => new()
    {
        ["ConnectionStrings__EventStore"] = Database.ConnectionString,
        ["Cluster__ClusterId"] = "multihost",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Conversations__ConfirmTimeout"] = $"00:00:0{ConfirmTimeoutSeconds}",
    };

    private ServiceProcess StartSilo(LabHost host) =>
        ServiceProcess.Start(host.Name, "Silo", new Dictionary<string, string>(Shared)
        {
            ["Silo__AdvertisedAddress"] = host.Address,
            ["Membership__ProbeTimeout"] = "00:00:01",
            ["Membership__NumMissedProbesLimit"] = "2",
            ["Membership__NumVotesForDeathDeclaration"] = "2",
            ["Membership__TableRefreshTimeout"] = "00:00:01",
            ["Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
            ["EventStore__MaxRetryDelay"] = "00:00:00.500",
        }, host.Launcher);

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(150);
        var delay = TimeSpan.FromMilliseconds(250);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await Client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode && (await ActiveSilosAsync()) == Silos.Count)
                    return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or NpgsqlException)
            {
            }

            if (Silos.Select(s => s.Process).Append(Gateway.Process).FirstOrDefault(p => p.HasExited) is { } exited)
                throw new InvalidOperationException($"{exited.Name} exited ({exited.ExitCode}) during start-up.\n{Logs}");
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
        }

        throw new TimeoutException($"The gateway at {Client.BaseAddress} and {Silos.Count} active silos never became ready.\n{Logs}");
    }

    private async Task<long> ActiveSilosAsync()
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE status = 3", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
