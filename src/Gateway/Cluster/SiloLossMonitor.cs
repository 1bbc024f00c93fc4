using Orleans.Conversations.HttpApi.Cluster;
using Orleans.Messaging;

namespace Orleans.Conversations.Gateway.Cluster;

/// <summary>
/// Notices that a silo is gone: at once when the gateway's connection to it closes, and within a second when the
/// cluster declares it dead (it leaves the active silos of the membership table), which also covers a silo the gateway
/// had no connection to while another silo forwarded calls to it. The Orleans client never fails a call in flight to
/// a silo that died: it waits for the call's response timeout (silos break their own calls to a dead silo, the client
/// does not), so <see cref="SessionCalls"/> stops waiting for the calls in flight at that moment and sends them again.
/// </summary>
internal sealed class SiloLossMonitor(IGatewayListProvider membership, TimeProvider clock, ILogger<SiloLossMonitor> logger)
    : BackgroundService, IClusterConnectionStatusObserver, ISiloLossSignal
{
    private static readonly TimeSpan PollPeriod = TimeSpan.FromSeconds(1);

    private CancellationTokenSource _loss = new();

    /// <summary>Cancelled when a silo is lost after the token was read.</summary>
    public CancellationToken Token => Volatile.Read(ref _loss).Token;

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways >= previousNumberOfGateways)
            return;

        logger.LogWarning("Lost the connection to a silo ({Connected} of {Previous} still connected): calls in flight are sent again",
            currentNumberOfGateways, previousNumberOfGateways);
        Signal();
    }

    public void NotifyClusterConnectionLost()
    {
        // Orleans reports this together with the gateway count falling to zero, which has signalled already.
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HashSet<Uri>? active = null;
        using var timer = new PeriodicTimer(PollPeriod, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var now = (await membership.GetGateways()).ToHashSet();
                if (active?.Where(silo => !now.Contains(silo)).ToList() is { Count: > 0 } gone)
                {
                    logger.LogWarning("Silo(s) {Silos} left the cluster: calls in flight are sent again", string.Join(", ", gone));
                    Signal();
                }

                active = now;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database is unreachable or the client not started yet; the health check reports the former.
                logger.LogDebug("Cannot read the cluster's silos: {Error}", exception.Message);
            }
        }
    }

    private void Signal()
    {
        var lost = Interlocked.Exchange(ref _loss, new CancellationTokenSource());

        // Off the caller's thread (a connection's, or this loop): cancelling resumes the requests that were waiting.
        _ = lost.CancelAsync();
    }
}
