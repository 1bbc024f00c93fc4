using System.Diagnostics;

namespace Orleans.Conversations.Bench.Infrastructure;

/// <summary>The service as users run it: one silo process and one or more gateway processes, from the Release build.</summary>
public sealed class ServiceProcesses : IDisposable
{
    private readonly List<Process> _processes = [];

    /// <summary>The first gateway.</summary>
    public Uri Gateway => Gateways[0];

    public List<Uri> Gateways { get; } = [];

    /// <summary>
    /// Starts a silo and a gateway for each of <paramref name="gatewaySettings"/> (added to its environment), or one
    /// gateway with the defaults.
    /// </summary>
    public static async Task<ServiceProcesses> StartAsync(string root, string connectionString, params IReadOnlyDictionary<string, string>[] gatewaySettings)
    {
        var service = new ServiceProcesses();
        var clusterId = $"bench-{Guid.NewGuid():N}";
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = connectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        service.Start(root, "Silo", new(shared)
        {
            ["Cluster__ClusterId"] = clusterId,
            ["Silo__SiloPort"] = InProcessSilo.FreePort().ToString(),
            ["Silo__GatewayPort"] = InProcessSilo.FreePort().ToString(),
        });
        foreach (var settings in gatewaySettings.Length == 0 ? [new Dictionary<string, string>()] : gatewaySettings)
        {
            var address = new Uri($"http://127.0.0.1:{InProcessSilo.FreePort()}");
            var gateway = new Dictionary<string, string>(shared)
            {
                ["Cluster__ClusterId"] = clusterId,
                ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
            };
            foreach (var (key, value) in settings)
                gateway[key] = value;
            service.Start(root, "Gateway", gateway);
            service.Gateways.Add(address);
        }

        var ready = 0;
        for (var attempt = 0; attempt < 120 && ready < service.Gateways.Count; attempt++)
        {
            using var probe = new HttpClient { BaseAddress = service.Gateways[ready] };
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

        if (ready == service.Gateways.Count)
            return service;

        service.Dispose();
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
        _processes.Add(process);
    }

    /// <summary>Total CPU time the service's processes have used so far.</summary>
    public TimeSpan CpuTime => _processes.Aggregate(TimeSpan.Zero, (sum, p) => { p.Refresh(); return sum + p.TotalProcessorTime; });

    public void Dispose()
    {
        foreach (var process in _processes)
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
