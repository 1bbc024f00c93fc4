using System.Diagnostics;

namespace Orleans.Conversations.Bench.Infrastructure;

/// <summary>The service as users run it: one silo process and one gateway process, from the Release build.</summary>
public sealed class ServiceProcesses : IDisposable
{
    private readonly List<Process> _processes = [];

    public Uri Gateway { get; private set; } = null!;

    public static async Task<ServiceProcesses> StartAsync(string root, string connectionString)
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
        service.Gateway = new Uri($"http://127.0.0.1:{InProcessSilo.FreePort()}");
        service.Start(root, "Gateway", new(shared)
        {
            ["Cluster__ClusterId"] = clusterId,
            ["ASPNETCORE_URLS"] = service.Gateway.ToString().TrimEnd('/'),
        });

        using var probe = new HttpClient { BaseAddress = service.Gateway };
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await probe.GetAsync("/health/ready")).IsSuccessStatusCode)
                    return service;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

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
