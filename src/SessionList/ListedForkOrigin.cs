namespace Orleans.Conversations.SessionList;

/// <summary>The parent session of a fork in the list, and the parent's version it was made at.</summary>
public readonly record struct ListedForkOrigin(Guid SessionId, int Version);
