using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Grains.State;

/// <summary>A context event of a session at its version: a value remembered, a key forgotten, or one item of a list forgotten.</summary>
/// <param name="Version">The event's version in the session's stream.</param>
/// <param name="Key">The context key.</param>
/// <param name="Value">The value remembered or the item forgotten; null when the whole key is forgotten.</param>
/// <param name="IsForget">Whether it forgets rather than remembers.</param>
[GenerateSerializer, Immutable]
public sealed record VersionedContextChange(
    [property: Id(0)] int Version, [property: Id(1)] string Key, [property: Id(2)] string? Value, [property: Id(3)] bool IsForget)
{
    /// <summary>The context with this change applied.</summary>
    public SessionContext ApplyTo(SessionContext context) =>
        (!IsForget ? ContextChange.Remember(Key, Value!) : Value is null ? ContextChange.Forget(Key) : ContextChange.ForgetItem(Key, Value))
            .ApplyTo(context);
}
