namespace Orleans.Conversations.SessionList;

/// <summary>One session as the list shows it; <see cref="ForkedFrom"/> is set for a fork.</summary>
public sealed record SessionListEntry(
    Guid SessionId, string Tenant, string Owner, string? Title, DateTimeOffset StartedAt, DateTimeOffset LastActivityAt, int MessageCount, int Version,
    ListedForkOrigin? ForkedFrom = null);
