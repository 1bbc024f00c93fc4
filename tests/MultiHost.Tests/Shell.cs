using System.Diagnostics;

namespace Orleans.Conversations.MultiHost.Tests;

/// <summary>Runs short administrative commands (<c>ip</c>, <c>kill</c>) and fails loudly, with their output, when one fails.</summary>
public static class Shell
{
    /// <summary>Runs <paramref name="command"/> and returns what it printed; throws when it exits with an error.</summary>
    public static string Run(params string[] command)
    {
        var (exitCode, output, error) = TryRun(command);
        if (exitCode != 0)
            throw new InvalidOperationException($"`{string.Join(' ', command)}` failed ({exitCode}): {error.Trim()} {output.Trim()}");
        return output;
    }

    /// <summary>Runs <paramref name="command"/> and returns its exit code and output, whatever they are.</summary>
    public static (int ExitCode, string Output, string Error) TryRun(params string[] command)
    {
        var start = new ProcessStartInfo(command[0], command.Skip(1))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', command)}` did not finish within a minute.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
