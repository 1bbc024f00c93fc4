using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Orleans.Conversations.EventStore.Hosting;

/// <summary>
/// Applies (or checks) the event store's schema before the silo serves grains, and stops the silo from starting, with
/// a message that says why, when the database cannot be reached.
/// </summary>
internal sealed class EventStoreSchemaStartup(PostgresEventStore store, ILogger<EventStoreSchemaStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(EventStoreSchemaStartup), ServiceLifecycleStage.RuntimeInitialize, PrepareAsync);

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await store.PrepareAsync(cancellationToken);
        logger.LogInformation("Event store '{Name}' ready (snapshot every {Interval} events)", store.Name, store.Options.SnapshotInterval);
    }
}
