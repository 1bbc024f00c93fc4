using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Options;
using Orleans.Conversations.HttpApi.Hosting;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Orleans.Conversations.HttpApi.Cluster;

/// <summary>
/// The gateway's calls to session grains, sent again when the cluster did not process them or could not answer: a
/// rejected message (<see cref="OrleansMessageRejectionException"/>, such as <see cref="SiloUnavailableException"/>
/// for a silo known to be dead), a connection that could not be made, or a call that was in flight when a silo was
/// lost (<see cref="ISiloLossSignal"/>: the gateway's silo-loss monitor, or the silo runtime's). Every call the gateway makes is safe to send twice: a turn
/// carries its message id and the grain answers a known id with the stored reply, starting a started session changes
/// nothing, reads change nothing.
/// </summary>
/// <remarks>
/// Retries wait 100 ms, doubling up to 1 s, and start only within <see cref="HttpGatewayOptions.RetryWindow"/> (at most
/// half of <see cref="HttpGatewayOptions.CallTimeout"/>); the whole call never takes longer than the call timeout.
/// </remarks>
internal sealed class SessionCalls(
    SessionGrains grains,
    ISiloLossSignal silos,
    IOptions<HttpGatewayOptions> options,
    TimeProvider clock,
    ILogger<SessionCalls> logger)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    /// <summary>Calls the grain of session <paramref name="sessionId"/>, again if the cluster could not answer.</summary>
    public Task<T> CallAsync<T>(Guid sessionId, Func<IConversationGrain, Task<T>> call)
    {
        var grain = grains.Get(sessionId);
        return RetryAsync(sessionId, () => call(grain));
    }

    /// <summary>Runs <paramref name="call"/>, again while the cluster could not answer, within the timeouts.</summary>
    internal async Task<T> RetryAsync<T>(Guid sessionId, Func<Task<T>> call)
    {
        var callTimeout = options.Value.CallTimeout;
        var retryWindow = options.Value.RetryWindow < callTimeout / 2 ? options.Value.RetryWindow : callTimeout / 2;
        var started = clock.GetTimestamp();
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            var siloLost = silos.Token;
            var pending = call();
            var remaining = callTimeout - clock.GetElapsedTime(started);
            await ((Task)pending.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, clock, siloLost))
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

            Exception failure;
            if (pending.IsCompleted)
            {
                try
                {
                    var result = await pending;
                    if (attempt > 1)
                    {
                        logger.LogInformation("Session {SessionId} answered after {Attempts} attempts in {Elapsed:0} ms",
                            sessionId, attempt, clock.GetElapsedTime(started).TotalMilliseconds);
                    }

                    return result;
                }
                catch (Exception exception) when (IsNotProcessed(exception))
                {
                    failure = exception;
                }
            }
            else
            {
                ObserveAbandoned(pending);
                if (!siloLost.IsCancellationRequested)
                    throw new TimeoutException($"The cluster did not answer within Gateway:CallTimeout ({callTimeout}).");
                failure = new SiloUnavailableException(
                    "A silo was lost while the call was in flight; the cluster may not have processed it.");
            }

            if (clock.GetElapsedTime(started) + delay > retryWindow)
                ExceptionDispatchInfo.Throw(failure);
            logger.LogDebug("Session {SessionId}: attempt {Attempt} not answered ({Error}); sending it again in {Delay}",
                sessionId, attempt, failure.Message, delay);
            await Task.Delay(delay * (0.8 + (0.4 * Random.Shared.NextDouble())), clock);
            delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
        }
    }

    /// <summary>Failures that mean the cluster did not process the call, or could not say whether it did.</summary>
    private static bool IsNotProcessed(Exception exception) =>
        exception is OrleansMessageRejectionException or ConnectionFailedException;

    /// <summary>A call given up on still completes (at the latest at Orleans' response timeout); its failure is nobody's.</summary>
    private static void ObserveAbandoned(Task pending) =>
        pending.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
