using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Orleans.Conversations.HttpApi.Health;

/// <summary>Healthy while the event store's PostgreSQL answers.</summary>
internal sealed class EventStoreHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy($"event store unreachable: {exception.Message}");
        }
    }
}
