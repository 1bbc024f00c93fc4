using Orleans.Conversations.Gateway.Cluster;

namespace Orleans.Conversations.Gateway.Tests;

public sealed class SilentLinkDetectionTests
{
    [Fact]
    public void the_orleans_version_in_use_still_carries_the_socket_that_silent_link_detection_configures()
    {
        // If an Orleans upgrade moves it, a cut-off silo host would stall calls routed through it until it is declared
        // dead (tests/MultiHost.Tests measures that); find the socket again before upgrading.
        Assert.True(SilentLinkDetection.CanReachSockets);
    }
}
