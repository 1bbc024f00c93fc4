using System.Text.Json.Serialization;
using Orleans.Conversations.EventStore.Serialization;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Grains.Events;

/// <summary>
/// The session began as a fork of another: the first event of a fork's stream, in place of <c>SessionStarted</c>. It
/// carries what the parent's state was at <see cref="ForkedFrom"/>, so the fork never reads its parent again: deleting
/// the parent leaves the fork whole, and a fork costs the same however long the parent's history.
/// </summary>
/// <param name="ForkedFrom">The parent session and the version of it the fork starts from.</param>
/// <param name="Tenant">The owner's tenant: the parent's.</param>
/// <param name="Owner">The owner's user id: the parent's.</param>
/// <param name="Memory">Whether the fork reads and writes its owner's memory: the parent's setting.</param>
/// <param name="Inherited">The parent's state at <see cref="ForkedFrom"/>.</param>
/// <param name="RegenerationId">
/// For a regenerated reply, the request's message id: the fork's turn that answers the inherited message again is also
/// read, resumed and cancelled under it.
/// </param>
[GenerateSerializer, Immutable, EventTypeName("SessionForked")]
public sealed record SessionForked(
    [property: Id(0)] ForkOrigin ForkedFrom,
    [property: Id(1)] string Tenant,
    [property: Id(2)] string Owner,
    [property: Id(3)] bool Memory,
    [property: Id(4)] InheritedSession Inherited,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RegenerationId = null) : SessionEvent;
