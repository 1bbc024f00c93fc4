namespace Orleans.Conversations.Failover.Tests;

/// <summary>The cluster of <see cref="ProcessClusterFixture"/> with the HTTP API served by silo 1 itself, no gateway process.</summary>
public sealed class CohostedClusterFixture : ProcessClusterFixture
{
    protected override bool SiloServesHttp => true;
}
