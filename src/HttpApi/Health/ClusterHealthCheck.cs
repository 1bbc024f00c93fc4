using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orleans.Conversations.HttpApi.Health;

/// <summary>Healthy while the gateway's Orleans client can reach at least one active silo.</summary>
internal sealed class ClusterHealthCheck(IClusterClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silos = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)
                .WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return silos.Count > 0
                ? HealthCheckResult.Healthy($"{silos.Count} active silo(s)")
                : HealthCheckResult.Unhealthy("no active silo");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy($"cluster unreachable: {exception.Message}");
        }
    }
}
