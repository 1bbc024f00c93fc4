using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Conversations.MultiHost.Tests;

/// <summary>
/// Separate machines on one Linux box: a network namespace per host, each with a veth pair into a bridge that lives in
/// a namespace of its own (the switch), and one veth from the test's own namespace to that switch so the test can
/// reach the hosts. Addresses come from 198.18.0.0/15, the range set aside for network test beds (RFC 2544), which
/// no real server uses. Names carry the test process's id: a lab left behind by a run that crashed is found and
/// removed by the next one.
/// </summary>
public sealed partial class NetworkLab : IDisposable
{
    private const string Prefix = "om";
    private readonly List<LabHost> _hosts = [];
    private readonly string _subnet;
    private bool _disposed;

    private NetworkLab(string id, string subnet)
    {
        Id = id;
        _subnet = subnet;
        Directory = Path.Combine(Path.GetTempPath(), id);
    }

    /// <summary>This run's name, the prefix of every namespace, interface and folder it makes.</summary>
    public string Id { get; }

    /// <summary>A folder of this lab's own (data of the database nodes), removed with the lab.</summary>
    public string Directory { get; }

    /// <summary>The test's own address on the lab's network.</summary>
    public string ClientAddress => $"{_subnet}.1";

    private string Switch => $"{Id}-switch";

    private string ClientInterface => $"{Id}h";

    /// <summary>Creates the switch and the test's link to it, after removing the labs of runs that are gone.</summary>
    public static NetworkLab Create()
    {
        Prerequisites.RequireNetworkAdministration();
        RemoveStale();
        var pid = Environment.ProcessId;
        var lab = new NetworkLab($"{Prefix}{pid:x}", $"198.{18 + ((pid >> 8) & 1)}.{pid & 255}");
        try
        {
            lab.Build();
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    /// <summary>Adds a host named <paramref name="name"/> (at most 6 characters) with the next free address.</summary>
    public LabHost AddHost(string name)
    {
        var host = new LabHost(name, $"{Id}-{name}", $"{_subnet}.{10 + _hosts.Count}", $"p-{name}");
        _hosts.Add(host);
        Shell.Run("ip", "netns", "add", host.Namespace);
        Shell.Run("ip", "link", "add", host.SwitchPort, "netns", Switch, "type", "veth", "peer", "name", "eth0", "netns", host.Namespace);
        Shell.Run("ip", "-n", Switch, "link", "set", host.SwitchPort, "master", "br0", "up");
        Shell.Run("ip", "-n", host.Namespace, "addr", "add", $"{host.Address}/24", "dev", "eth0");
        Shell.Run("ip", "-n", host.Namespace, "link", "set", "eth0", "up");
        Shell.Run("ip", "-n", host.Namespace, "link", "set", "lo", "up");
        return host;
    }

    /// <summary>Unplugs <paramref name="host"/>'s cable at the switch: its packets go nowhere, nobody is told.</summary>
    public void Unplug(LabHost host) => Shell.Run("ip", "-n", Switch, "link", "set", host.SwitchPort, "down");

    /// <summary>Plugs <paramref name="host"/>'s cable back in.</summary>
    public void Plug(LabHost host) => Shell.Run("ip", "-n", Switch, "link", "set", host.SwitchPort, "up");

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Remove(Id);
    }

    private void Build()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Shell.Run("ip", "netns", "add", Switch);
        Shell.Run("ip", "-n", Switch, "link", "add", "br0", "type", "bridge");
        Shell.Run("ip", "-n", Switch, "link", "set", "br0", "up");
        Shell.Run("ip", "link", "add", ClientInterface, "type", "veth", "peer", "name", "p-client", "netns", Switch);
        Shell.Run("ip", "-n", Switch, "link", "set", "p-client", "master", "br0", "up");
        Shell.Run("ip", "addr", "add", $"{ClientAddress}/24", "dev", ClientInterface);
        Shell.Run("ip", "link", "set", ClientInterface, "up");
    }

    /// <summary>Removes the labs whose test process no longer runs (or whose id is this process's, reused).</summary>
    private static void RemoveStale()
    {
        var ids = Shell.Run("ip", "netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => LabNamespace().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .Distinct();
        foreach (var id in ids)
        {
            var pid = int.Parse(id[Prefix.Length..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (pid == Environment.ProcessId || !System.IO.Directory.Exists($"/proc/{pid}"))
                Remove(id);
        }
    }

    /// <summary>Kills every process left in the lab's namespaces, then deletes the namespaces (and so their links) and the folder.</summary>
    private static void Remove(string id)
    {
        var namespaces = Shell.Run("ip", "netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[0])
            .Where(name => name.StartsWith($"{id}-", StringComparison.Ordinal))
            .ToList();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var pids = namespaces.SelectMany(ns => Shell.TryRun("ip", "netns", "pids", ns).Output
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (pids.Count == 0)
                break;
            Shell.TryRun(["kill", "-9", .. pids]);
            Thread.Sleep(200 * (attempt + 1));
        }

        foreach (var ns in namespaces)
            Shell.TryRun("ip", "netns", "delete", ns);
        Shell.TryRun("ip", "link", "delete", $"{id}h");
        var directory = Path.Combine(Path.GetTempPath(), id);
        if (System.IO.Directory.Exists(directory))
            System.IO.Directory.Delete(directory, recursive: true);
    }

    [GeneratedRegex(@"^(om[0-9a-f]+)-")]
    private static partial Regex LabNamespace();
}
