using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Grains.Interfaces.Memory;

/// <summary>What a session starts from: the user's memory as a context.</summary>
/// <param name="Context">The memory, as the context a session would have had it learned everything itself.</param>
/// <param name="AppliedVersion">
/// The version of the asking session up to which the memory holds what that session learned: the session's own
/// changes after it are newer than anything in <paramref name="Context"/>.
/// </param>
[GenerateSerializer, Immutable]
public sealed record RememberedContext([property: Id(0)] SessionContext Context, [property: Id(1)] int AppliedVersion);
