using Orleans.Conversations.Grains.Interfaces;
using Orleans.Runtime;

namespace Orleans.Conversations.HttpApi.Cluster;

/// <summary>
/// References to session grains. <c>GetGrain&lt;T&gt;(Guid)</c> looks the interface's grain type up through its
/// attributes on every call (reflection, several percent of a request's CPU); the types are resolved once here instead.
/// </summary>
internal sealed class SessionGrains(IGrainFactory grains)
{
    // A reference, so that requests racing on the first call never see half of it (a torn struct read gave an
    // untyped reference that failed to cast).
    private Types? _types;

    /// <summary>The grain of session <paramref name="sessionId"/>.</summary>
    public IConversationGrain Get(Guid sessionId)
    {
        var types = _types ??= Resolve();
        return (IConversationGrain)grains.GetGrain(GrainId.Create(types.Grain, GrainIdKeyExtensions.CreateGuidKey(sessionId)), types.Interface);
    }

    private Types Resolve()
    {
        var reference = (GrainReference)grains.GetGrain<IConversationGrain>(Guid.Empty);
        return new Types(reference.GrainId.Type, reference.InterfaceType);
    }

    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);
}
