namespace Orleans.Conversations.EventStore.Storage;

/// <summary>An event ready to be appended: its stored type name, JSON data and JSON metadata.</summary>
internal sealed record NewEvent(string EventType, string Data, string Metadata);
