using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Orleans.Conversations.Bench.Infrastructure;

/// <summary>
/// A closed-loop HTTP load from <c>wrk</c> (Debian's package), a process of its own written in C, so that the load
/// generator costs the two cores as little as possible and none of its work is counted as the service's. Each request
/// posts a short message to one of <c>sessions</c> sessions picked at random; the sessions' ids are
/// <see cref="SessionId"/> of 0 … sessions − 1.
/// </summary>
public static class WrkLoad
{
    private const string Script =
        """
        local sessions = tonumber(os.getenv("WRK_SESSIONS"))
        local body = '{"text":"Tell me about the weather"}'
        local headers = { ["Content-Type"] = "application/json" }
        local threads = {}
        local counter = 0

        function setup(thread)
          counter = counter + 1
          thread:set("seed", counter)
          table.insert(threads, thread)
        end

        function init(args)
          math.randomseed(seed * 7919 + os.time())
          per_second = {}
        end

        function request()
          local id = string.format("00000000-0000-4000-8000-%012x", math.random(0, sessions - 1))
          return wrk.format("POST", "/api/sessions/" .. id .. "/messages", headers, body)
        end

        function response(status, headers, body)
          local second = os.time()
          per_second[second] = (per_second[second] or 0) + 1
        end

        function done(summary, latency, requests)
          local seconds = {}
          for _, thread in ipairs(threads) do
            for second, count in pairs(thread:get("per_second")) do
              seconds[second] = (seconds[second] or 0) + count
            end
          end
          local buckets = {}
          for second, count in pairs(seconds) do
            table.insert(buckets, string.format('"%d":%d', second, count))
          end
          local e = summary.errors
          io.write(string.format(
            'WRK-RESULT {"requests":%d,"durationUs":%d,"non2xx":%d,"socketErrors":%d,"p50":%d,"p99":%d,"max":%d,"perSecond":{%s}}\n',
            summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
            latency:percentile(50), latency:percentile(99), latency.max, table.concat(buckets, ",")))
        end
        """;

    /// <summary>The id of session number <paramref name="index"/>, as the load's script writes it.</summary>
    public static string SessionId(int index) => $"00000000-0000-4000-8000-{index:x12}";

    /// <summary>Runs <paramref name="connections"/> connections against <paramref name="server"/> for <paramref name="duration"/>.</summary>
    public static async Task<WrkResult> RunAsync(Uri server, int connections, TimeSpan duration, int sessions)
    {
        var directory = Directory.CreateTempSubdirectory("wrk-");
        try
        {
            var script = Path.Combine(directory.FullName, "post.lua");
            await File.WriteAllTextAsync(script, Script);
            var start = new ProcessStartInfo("wrk",
            [
                "-t", Math.Min(connections, 2).ToString(CultureInfo.InvariantCulture),
                "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{(int)Math.Ceiling(duration.TotalSeconds)}s", "--timeout", "10s",
                "-s", script, server.ToString(),
            ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["WRK_SESSIONS"] = sessions.ToString(CultureInfo.InvariantCulture);
            using var process = StartWrk(start);
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith("WRK-RESULT ", StringComparison.Ordinal));
            if (process.ExitCode != 0 || line is null)
                throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await errors}{await output}");
            return Parse(line["WRK-RESULT ".Length..]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Process StartWrk(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("wrk could not be started: install Debian's wrk package (apt-get install wrk).", exception);
        }
    }

    private static WrkResult Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var perSecond = root.GetProperty("perSecond").EnumerateObject()
            .Select(p => (Second: long.Parse(p.Name, CultureInfo.InvariantCulture), Count: p.Value.GetInt32()))
            .OrderBy(p => p.Second).Select(p => p.Count).ToArray();
        return new WrkResult(
            root.GetProperty("requests").GetInt64(),
            TimeSpan.FromMicroseconds(root.GetProperty("durationUs").GetInt64()),
            root.GetProperty("non2xx").GetInt64() + root.GetProperty("socketErrors").GetInt64(),
            root.GetProperty("p50").GetInt64() / 1000.0,
            root.GetProperty("p99").GetInt64() / 1000.0,
            root.GetProperty("max").GetInt64() / 1000.0,
            perSecond);
    }
}

/// <summary>What one wrk run measured: requests, failures (non-2xx answers and socket errors), latency in ms, and answers per wall-clock second.</summary>
public sealed record WrkResult(long Requests, TimeSpan Duration, long Failures, double P50Ms, double P99Ms, double MaxMs, int[] PerSecond)
{
    public double PerSecondRate => Requests / Duration.TotalSeconds;
}
