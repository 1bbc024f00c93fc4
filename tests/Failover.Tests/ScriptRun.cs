using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orleans.Conversations.Failover.Tests;

/// <summary>
/// <c>scripts/run</c> as a user starts it, on free ports and with its pid files and logs in a folder of its own, from
/// the solution's build output (<c>--no-build</c>).
/// </summary>
public sealed class ScriptRun : IAsyncDisposable
{
    private readonly Process _runner;
    private readonly StringBuilder _output = new();

    private ScriptRun(Process runner, string stateDirectory, Uri gateway, int siloPort)
    {
        _runner = runner;
        StateDirectory = stateDirectory;
        Gateway = gateway;
        SiloPort = siloPort;
        _runner.OutputDataReceived += (_, e) => Append(e.Data);
        _runner.ErrorDataReceived += (_, e) => Append(e.Data);
        _runner.BeginOutputReadLine();
        _runner.BeginErrorReadLine();
    }

    public Uri Gateway { get; }

    /// <summary>The silo port of silo 0; silo i listens on this plus i.</summary>
    public int SiloPort { get; }

    public string StateDirectory { get; }

    /// <summary>What the runner printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public bool HasExited => _runner.HasExited;

    /// <summary>Everything worth reading when a test fails: the runner's output and the end of every log.</summary>
    public string Diagnostics
    {
        get
        {
            var logs = Directory.Exists(Path.Combine(StateDirectory, "logs"))
                ? Directory.GetFiles(Path.Combine(StateDirectory, "logs"), "*.log").Order()
                    .Select(f => $"--- {Path.GetFileName(f)} ---\n{Tail(f)}")
                : [];
            return $"--- scripts/run ---\n{Output}\n{string.Join("\n", logs)}";
        }
    }

    /// <summary>Starts <c>scripts/run</c> with <paramref name="arguments"/> and <paramref name="environment"/>.</summary>
    public static ScriptRun Start(string arguments, IReadOnlyDictionary<string, string> environment)
    {
        var root = SolutionRoot();
        var state = Directory.CreateTempSubdirectory("scripts-run-").FullName;
        var gateway = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}");
        var siloPort = FreePortRange(3);
        var gatewayPort = FreePortRange(3);
        var start = new ProcessStartInfo("bash", $"scripts/run {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        start.Environment["ASPNETCORE_URLS"] = gateway.ToString().TrimEnd('/');
        start.Environment["Silo__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Silo__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["RUN_STATE_DIR"] = state;
        return new ScriptRun(Process.Start(start)!, state, gateway, siloPort);
    }

    /// <summary>The pid the runner wrote for <paramref name="process"/> (<c>silo-0</c>, <c>gateway</c>), if it runs.</summary>
    public int? PidOf(string process)
    {
        var file = Path.Combine(StateDirectory, "run", $"{process}.pid");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>The pids of every process the runner started and still supervises.</summary>
    public IReadOnlyList<int> Pids() => Directory.Exists(Path.Combine(StateDirectory, "run"))
        ? [.. Directory.GetFiles(Path.Combine(StateDirectory, "run"), "*.pid").Select(f => PidOf(Path.GetFileNameWithoutExtension(f))).OfType<int>()]
        : [];

    /// <summary>Waits until the runner prints a line that contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_runner.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"scripts/run never printed '{text}'.\n{Diagnostics}");
            await Task.Delay(200);
        }
    }

    /// <summary>Stops the runner as Ctrl-C would (SIGTERM) and waits for it; true if it and its processes ended in time.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        var children = Pids();
        if (!_runner.HasExited)
        {
            using var signal = Process.Start("kill", ["-TERM", _runner.Id.ToString(CultureInfo.InvariantCulture)]);
            await signal.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _runner.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return children.All(pid => !IsRunning(pid));
    }

    public async ValueTask DisposeAsync()
    {
        var children = Pids();
        if (!await StopAsync(TimeSpan.FromSeconds(60)))
        {
            // The runner did not stop everything: end what is left, so that no test leaves processes behind.
            if (!_runner.HasExited)
                _runner.Kill();
            foreach (var pid in children.Where(IsRunning))
                Process.GetProcessById(pid).Kill();
        }

        _runner.Dispose();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private static string Tail(string file)
    {
        var text = File.ReadAllText(file);
        return text.Length > 3000 ? text[^3000..] : text;
    }

    /// <summary>The first of <paramref name="count"/> consecutive ports that are all free.</summary>
    private static int FreePortRange(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = Random.Shared.Next(20_000, 60_000);
            if (Enumerable.Range(first, count).All(IsFree))
                return first;
        }

        throw new InvalidOperationException($"Found no {count} consecutive free ports.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string SolutionRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orleans.Conversations.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the solution folder.");
    }
}
