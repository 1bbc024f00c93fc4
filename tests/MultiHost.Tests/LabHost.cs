namespace Orleans.Conversations.MultiHost.Tests;

/// <summary>One simulated machine of a <see cref="NetworkLab"/>: a network namespace with one address on the lab's switch.</summary>
public sealed record LabHost(string Name, string Namespace, string Address, string SwitchPort)
{
    /// <summary>The command prefix that runs a program on this host.</summary>
    public IReadOnlyList<string> Launcher => ["ip", "netns", "exec", Namespace];
}
