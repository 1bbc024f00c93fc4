namespace Orleans.Conversations.EventStore.Storage;

/// <summary>A stream's state as JSON, as it stood right after event <paramref name="Version"/>.</summary>
internal sealed record StoredSnapshot(int Version, string State);
