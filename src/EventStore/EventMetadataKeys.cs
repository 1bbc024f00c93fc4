namespace Orleans.Conversations.EventStore;

/// <summary>
/// <see cref="Orleans.Runtime.RequestContext"/> keys whose values, when set by the caller of a grain, are stored in the
/// <c>metadata</c> of the events that call raises.
/// </summary>
public static class EventMetadataKeys
{
    /// <summary>The message or command that caused the events.</summary>
    public const string CausationId = "eventstore.causationId";

    /// <summary>
    /// The tenant the events belong to, stored as <c>tenantId</c> in their metadata and in the <c>tenant_id</c> column;
    /// <see cref="IEventFeed"/> can be read for one tenant.
    /// </summary>
    public const string TenantId = "eventstore.tenantId";

    /// <summary>
    /// The owner of the stream the events belong to, stored as <c>ownerId</c> in their metadata. The owner of a stream's
    /// first event is the stream's owner: <see cref="IEventStreamEraser.FindStreamsOfOwnerAsync"/> finds it by that, and
    /// an append that starts a stream of an owner waits while <see cref="IEventStreamEraser.HoldOwnerAsync"/> holds it.
    /// </summary>
    public const string OwnerId = "eventstore.ownerId";

    /// <summary>
    /// Whether the events may teach their owner's memory, stored as <c>memory</c> in their metadata: <c>off</c> for the
    /// events of a session that neither reads nor writes it, absent otherwise. Readers of the feed skip such events
    /// without looking the session up.
    /// </summary>
    public const string Memory = "eventstore.memory";
}
