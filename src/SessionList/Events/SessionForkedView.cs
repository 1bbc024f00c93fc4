using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.SessionList.Events;

/// <summary>What the list reads of a fork's first event: its owner, its origin, and the title and messages it inherited.</summary>
[EventTypeName("SessionForked")]
internal sealed record SessionForkedView(string Tenant, string Owner, SessionForkedView.Origin ForkedFrom, SessionForkedView.InheritedView Inherited)
{
    /// <summary>The parent and its version.</summary>
    internal sealed record Origin(Guid SessionId, int Version);

    /// <summary>What the list shows of the parent's state.</summary>
    internal sealed record InheritedView(int MessageCount, string? FirstUserMessage, string? Title);
}
