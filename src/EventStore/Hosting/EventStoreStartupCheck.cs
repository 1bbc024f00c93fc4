using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Orleans.Conversations.EventStore.Hosting;

/// <summary>Stops the silo from starting when its event store is unreachable, with a message that says why.</summary>
internal sealed class EventStoreStartupCheck(PostgresEventStore store, ILogger<EventStoreStartupCheck> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(EventStoreStartupCheck), ServiceLifecycleStage.RuntimeInitialize, VerifyAsync);

    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        await store.VerifyAsync(cancellationToken);
        logger.LogInformation("Event store '{Name}' ready (snapshot every {Interval} events)", store.Name, store.Options.SnapshotInterval);
    }
}
