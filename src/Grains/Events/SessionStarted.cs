using Orleans.Conversations.EventStore.Serialization;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Grains.Events;

/// <summary>The session began: always the first event of a stream.</summary>
/// <param name="UserId">A label for the session's user, when the client gave one.</param>
/// <param name="RecentTurnLimit">How many recent turns the session keeps in memory, fixed for its lifetime.</param>
/// <param name="Tenant">The owner's tenant; absent in events stored before sessions had owners, which read as <see cref="Caller.DefaultTenant"/>.</param>
/// <param name="Owner">The owner's user id; absent in events stored before sessions had owners, which read as <see cref="Caller.LocalUser"/>.</param>
/// <param name="Memory">Whether the session reads and writes its owner's memory; false for a temporary session. Absent in events stored before memory, which read as on.</param>
[GenerateSerializer, Immutable, EventTypeName("SessionStarted")]
public sealed record SessionStarted(
    [property: Id(0)] string? UserId,
    [property: Id(1)] int RecentTurnLimit,
    [property: Id(2)] string? Tenant = null,
    [property: Id(3)] string? Owner = null,
    [property: Id(4)] bool Memory = true) : SessionEvent;
