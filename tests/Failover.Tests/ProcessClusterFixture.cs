using System.Globalization;
using Npgsql;

namespace Orleans.Conversations.Failover.Tests;

/// <summary>
/// The service as separate processes: two silos and two gateways, all reaching PostgreSQL through a proxy the tests
/// can cut, tuned to notice a dead silo within seconds.
/// </summary>
public class ProcessClusterFixture : IAsyncLifetime
{
    public const int CallTimeoutSeconds = 9;
    public const int ConfirmTimeoutSeconds = 3;

    private readonly List<ServiceProcess> _processes = [];

    public TcpFaultProxy Database { get; private set; } = null!;

    public List<ServiceProcess> Silos { get; } = [];

    public List<HttpClient> Gateways { get; } = [];

    public async Task InitializeAsync()
    {
        var target = new NpgsqlConnectionStringBuilder(await TestDatabase.GetConnectionStringAsync());
        Database = new TcpFaultProxy(target.Host!, target.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(target.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = Database.Port,
            Timeout = 2,
            CommandTimeout = 5,
        }.ConnectionString;
        var clusterId = $"processes-{Guid.NewGuid():N}";
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = throughProxy,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Conversations__ConfirmTimeout"] = $"00:00:0{ConfirmTimeoutSeconds}",
        };

        for (var i = 0; i < 2; i++)
        {
            var silo = new Dictionary<string, string>(shared)
            {
                ["Cluster__ClusterId"] = clusterId,
                ["Silo__SiloPort"] = Port(),
                ["Silo__GatewayPort"] = Port(),
                ["Membership__ProbeTimeout"] = "00:00:01",
                ["Membership__NumMissedProbesLimit"] = "2",
                ["Membership__NumVotesForDeathDeclaration"] = "1",
                ["Membership__TableRefreshTimeout"] = "00:00:01",
                ["Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
                ["EventStore__MaxRetryDelay"] = "00:00:00.500",
            };
            var servesHttp = SiloServesHttp && i == 1;
            if (servesHttp)
                silo["Silo__ServeHttp"] = "true";
            Silos.Add(Start($"silo {i}", "Silo", servesHttp ? ServingHttp(silo) : silo));
        }

        for (var i = 0; i < (SiloServesHttp ? 0 : 2); i++)
            Start($"gateway {i}", "Gateway", ServingHttp(new(shared) { ["Cluster__ClusterId"] = clusterId }));

        foreach (var gateway in Gateways)
            await WaitUntilReadyAsync(gateway);
    }

    /// <summary>Whether silo 1 serves the HTTP API itself (the only address in <see cref="Gateways"/>) instead of two gateway processes.</summary>
    protected virtual bool SiloServesHttp => false;

    /// <summary>The settings of a process that serves HTTP, on an address added to <see cref="Gateways"/>.</summary>
    private Dictionary<string, string> ServingHttp(Dictionary<string, string> environment)
    {
        var url = $"http://127.0.0.1:{Port()}";
        environment["ASPNETCORE_URLS"] = url;
        environment["Gateway__CallTimeout"] = $"00:00:0{CallTimeoutSeconds}";
        environment["Gateway__RetryAfterSeconds"] = "1";
        Gateways.Add(new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) });
        return environment;
    }

    /// <summary>What every process printed last, for a failure message.</summary>
    public string Logs => string.Join("\n", _processes.Select(p => $"--- {p.Name} ---\n{p.Tail}"));

    private ServiceProcess Start(string name, string project, Dictionary<string, string> environment)
    {
        var process = ServiceProcess.Start(name, project, environment);
        _processes.Add(process);
        return process;
    }

    private async Task WaitUntilReadyAsync(HttpClient gateway)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await gateway.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }

            if (_processes.Any(p => p.HasExited))
                break;
            await Task.Delay(500);
        }

        throw new InvalidOperationException($"{gateway.BaseAddress} never became ready.\n{Logs}");
    }

    private static string Port() => ServiceProcess.FreePort().ToString(CultureInfo.InvariantCulture);

    public async Task DisposeAsync()
    {
        foreach (var client in Gateways)
            client.Dispose();
        foreach (var process in _processes)
            process.Dispose();
        await Database.DisposeAsync();
    }
}
