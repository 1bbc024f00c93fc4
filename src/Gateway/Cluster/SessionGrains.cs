using Orleans.Conversations.Grains.Interfaces;
using Orleans.Runtime;

namespace Orleans.Conversations.Gateway.Cluster;

/// <summary>
/// References to session grains. <c>GetGrain&lt;T&gt;(Guid)</c> looks the interface's grain type up through its
/// attributes on every call (reflection, several percent of a request's CPU); the types are resolved once here instead.
/// </summary>
internal sealed class SessionGrains(IGrainFactory grains)
{
    private (GrainType Grain, GrainInterfaceType Interface)? _types;

    /// <summary>The grain of session <paramref name="sessionId"/>.</summary>
    public IConversationGrain Get(Guid sessionId)
    {
        var (grainType, interfaceType) = _types ??= Resolve();
        return (IConversationGrain)grains.GetGrain(GrainId.Create(grainType, GrainIdKeyExtensions.CreateGuidKey(sessionId)), interfaceType);
    }

    private (GrainType, GrainInterfaceType) Resolve()
    {
        var reference = (GrainReference)grains.GetGrain<IConversationGrain>(Guid.Empty);
        return (reference.GrainId.Type, reference.InterfaceType);
    }
}
