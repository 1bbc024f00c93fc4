using Microsoft.Extensions.Logging;
using Orleans.Conversations.Grains.Memory;
using Orleans.Runtime;

namespace Orleans.Conversations.Grains.Hosting;

/// <summary>
/// Gives a new memory projection its starting position before the silo takes calls, so that no fact a session of the
/// cluster commits falls before it. A failure is logged; the projection's first batch then starts it instead.
/// </summary>
internal sealed class MemoryProjectionBeforeJoining(MemoryFeedProjector projector, ILogger<MemoryProjectionBeforeJoining> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MemoryProjectionBeforeJoining), ServiceLifecycleStage.ApplicationServices, async cancellationToken =>
        {
            try
            {
                await projector.StartAtEndIfNewAsync(cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("The memory projection's start could not be recorded ({Error}); its first batch will record it", exception.Message);
            }
        });
}
