namespace Orleans.Conversations.Gateway.Hosting;

/// <summary>
/// Keeps the gateway's first connection to the cluster trying, with a growing delay, while the silos start (or the
/// schema is not there yet), instead of stopping the process; each attempt that fails is logged.
/// </summary>
internal sealed class ClusterConnectionRetry(ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private TimeSpan _delay = TimeSpan.FromMilliseconds(250);
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        _attempts++;
        logger.LogWarning("Cannot reach the cluster yet (attempt {Attempt}), retrying in {Delay}: {Error}", _attempts, _delay, exception.Message);
        await Task.Delay(_delay, cancellationToken);
        _delay = _delay * 2 < MaxDelay ? _delay * 2 : MaxDelay;
        return true;
    }
}
