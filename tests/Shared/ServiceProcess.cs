using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orleans.Conversations.Tests;

/// <summary>
/// A process a test runs and watches: a silo or gateway from the solution's build output, or any command, optionally
/// behind a launcher such as <c>ip netns exec NAME</c>.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>The exit code once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Tail
    {
        get
        {
            lock (_output)
                return _output.Length > 4000 ? _output.ToString(_output.Length - 4000, 4000) : _output.ToString();
        }
    }

    /// <summary>Everything the process wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts <c>src/{project}</c>'s built assembly with <paramref name="environment"/>.</summary>
    public static ServiceProcess Start(string name, string project, IReadOnlyDictionary<string, string> environment) =>
        Start(name, project, environment, launcher: []);

    /// <summary>
    /// Starts <c>src/{project}</c>'s built assembly through <paramref name="launcher"/> (a command and its arguments that
    /// run the rest of the command line, such as <c>ip netns exec NAME</c>).
    /// </summary>
    public static ServiceProcess Start(
        string name, string project, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> launcher)
    {
        var (root, configuration) = Locate();
        var dll = Path.Combine(root, "src", project, "bin", configuration, "net10.0", $"Orleans.Conversations.{project}.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{dll} is missing: build the solution first (scripts/test does).");
        return StartCommand(name, [.. launcher, "dotnet", dll], environment, Path.GetDirectoryName(dll)!);
    }

    /// <summary>Starts <paramref name="command"/> (the program, then its arguments) and collects what it writes.</summary>
    public static ServiceProcess StartCommand(
        string name, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(command[0], command.Skip(1))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        return new ServiceProcess(name, Process.Start(start)!);
    }

    /// <summary>Ends the process and its children at once, as <c>kill -9</c> does: no shutdown, no goodbye to the cluster.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for the process to exit on its own; false if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private static (string Root, string Configuration) Locate()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = directory.Parent?.Name ?? "Release";
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orleans.Conversations.sln")))
            directory = directory.Parent;
        return (directory?.FullName ?? throw new InvalidOperationException("Cannot find the solution folder."), configuration);
    }
}
