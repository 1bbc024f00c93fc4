using System.Diagnostics;

namespace Orleans.Conversations.Bench.Infrastructure;

/// <summary>
/// The service as users run it, from the Release build: one silo process and one or more gateway processes, or one
/// silo that serves HTTP itself (<c>Silo__ServeHttp</c>).
/// </summary>
public sealed class ServiceProcesses : IDisposable
{
    private readonly List<(string Project, Process Process)> _processes = [];

    /// <summary>The first gateway.</summary>
    public Uri Gateway => Gateways[0];

    public List<Uri> Gateways { get; } = [];

    /// <summary>
    /// Starts a silo and a gateway for each of <paramref name="gatewaySettings"/> (added to its environment), or one
    /// gateway with the defaults.
    /// </summary>
    public static Task<ServiceProcesses> StartAsync(string root, string connectionString, params IReadOnlyDictionary<string, string>[] gatewaySettings) =>
        StartAsync(root, connectionString, new Dictionary<string, string>(), gatewaySettings);

    /// <summary>Starts a silo with <paramref name="siloSettings"/> added to its environment, and gateways as above.</summary>
    public static async Task<ServiceProcesses> StartAsync(
        string root, string connectionString, IReadOnlyDictionary<string, string> siloSettings, params IReadOnlyDictionary<string, string>[] gatewaySettings)
    {
        var service = new ServiceProcesses();
        var clusterId = $"bench-{Guid.NewGuid():N}";
        var silo = SiloSettings(connectionString, clusterId);
        foreach (var (key, value) in siloSettings)
            silo[key] = value;
        service.Start(root, "Silo", silo);
        foreach (var settings in gatewaySettings.Length == 0 ? [new Dictionary<string, string>()] : gatewaySettings)
        {
            var address = new Uri($"http://127.0.0.1:{InProcessSilo.FreePort()}");
            var gateway = SharedSettings(connectionString, clusterId);
            gateway["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
            foreach (var (key, value) in settings)
                gateway[key] = value;
            service.Start(root, "Gateway", gateway);
            service.Gateways.Add(address);
        }

        await service.WaitUntilReadyAsync();
        return service;
    }

    /// <summary>Starts one silo that serves the HTTP API itself, with no gateway process.</summary>
    public static async Task<ServiceProcesses> StartCohostedAsync(string root, string connectionString)
    {
        var service = new ServiceProcesses();
        var address = new Uri($"http://127.0.0.1:{InProcessSilo.FreePort()}");
        var silo = SiloSettings(connectionString, $"bench-{Guid.NewGuid():N}");
        silo["Silo__ServeHttp"] = "true";
        silo["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        service.Start(root, "Silo", silo);
        service.Gateways.Add(address);
        await service.WaitUntilReadyAsync();
        return service;
    }

    private static Dictionary<string, string> SharedSettings(string connectionString, string clusterId) => new()
    {
        ["ConnectionStrings__EventStore"] = connectionString,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Cluster__ClusterId"] = clusterId,
    };

    private static Dictionary<string, string> SiloSettings(string connectionString, string clusterId) =>
        new(SharedSettings(connectionString, clusterId))
        {
            ["Silo__SiloPort"] = InProcessSilo.FreePort().ToString(),
            ["Silo__GatewayPort"] = InProcessSilo.FreePort().ToString(),
        };

    private async Task WaitUntilReadyAsync()
    {
        var ready = 0;
        for (var attempt = 0; attempt < 120 && ready < Gateways.Count; attempt++)
        {
            using var probe = new HttpClient { BaseAddress = Gateways[ready] };
            try
            {
                if ((await probe.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    ready++;
                    continue;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        if (ready == Gateways.Count)
            return;

        Dispose();
        throw new InvalidOperationException("The silo and gateway processes did not become ready within 60 s.");
    }

    private void Start(string root, string project, Dictionary<string, string> environment)
    {
        var dll = Path.Combine(root, "src", project, "bin", "Release", "net10.0", $"Orleans.Conversations.{project}.dll");
        var start = new ProcessStartInfo("dotnet", [dll]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((project, process));
    }

    /// <summary>Total CPU time the service's processes have used so far.</summary>
    public TimeSpan CpuTime => CpuTimeOf(_ => true);

    /// <summary>CPU time the silo processes have used so far.</summary>
    public TimeSpan SiloCpuTime => CpuTimeOf(project => project == "Silo");

    /// <summary>
    /// Waits, at most <paramref name="longest"/>, until the processes use less than a tenth of a core over a second:
    /// after a warm-up load the runtime is still compiling hot code at its higher tier and background work is catching
    /// up, which the next measurement would otherwise count as the cost of its messages. Returns how long it waited.
    /// </summary>
    public async Task<TimeSpan> WaitUntilQuietAsync(TimeSpan longest)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < longest)
        {
            var before = CpuTime;
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (CpuTime - before < TimeSpan.FromMilliseconds(100))
                break;
        }

        return waited.Elapsed;
    }

    private TimeSpan CpuTimeOf(Func<string, bool> include) =>
        _processes.Where(p => include(p.Project)).Aggregate(TimeSpan.Zero, (sum, p) => { p.Process.Refresh(); return sum + p.Process.TotalProcessorTime; });

    public void Dispose()
    {
        foreach (var (_, process) in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
        }
    }
}
