namespace Orleans.Conversations.Search;

/// <summary>A row of the index: a session's event version.</summary>
internal readonly record struct MessageKey(Guid SessionId, int Version);
