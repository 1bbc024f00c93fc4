using Microsoft.Extensions.Logging;

namespace Orleans.Conversations.EventStore;

/// <summary>
/// The loop of a projection that follows an <see cref="IEventFeed"/>: one batch after another, pausing one poll
/// interval (200 ms) after a batch that was not full, and after a failure a delay that doubles up to 5 s.
/// </summary>
public static class FeedPolling
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs <paramref name="projectBatch"/> (which answers how many events it read) until <paramref name="stoppingToken"/>
    /// is cancelled; a failure is logged as <paramref name="what"/> that cannot be updated, and tried again.
    /// </summary>
    public static async Task RunAsync(
        Func<CancellationToken, Task<int>> projectBatch, int batchSize, string what, TimeProvider clock, ILogger logger, CancellationToken stoppingToken)
    {
        var retryDelay = PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await projectBatch(stoppingToken) < batchSize)
                    await Task.Delay(PollInterval, clock, stoppingToken);
                retryDelay = PollInterval;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("{What} cannot be updated ({Error}); trying again in {Delay}", what, exception.Message, retryDelay);
                await Task.Delay(retryDelay, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                retryDelay = retryDelay * 2 < MaxRetryDelay ? retryDelay * 2 : MaxRetryDelay;
            }
        }
    }
}
