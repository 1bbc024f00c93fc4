using Orleans.Conversations.Engine.Hosting;
using Orleans.Runtime;

namespace Orleans.Conversations.Grains.Hosting;

/// <summary>
/// Warms the embedded engine up before the silo becomes active. Until then no session is placed on it, so a silo that
/// joins (or rejoins after a crash) under load does not take sessions whose turns would wait seconds for the engine.
/// </summary>
internal sealed class EngineReadyBeforeJoining(EmbeddedEngineWarmUp warmUp) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(EngineReadyBeforeJoining), ServiceLifecycleStage.ApplicationServices, warmUp.WarmUpAsync);
}
