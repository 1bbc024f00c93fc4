namespace Orleans.Conversations.EventStore.Storage;

/// <summary>
/// Append <see cref="Events"/> to <see cref="StreamId"/> as versions <c>ExpectedVersion + 1</c> onwards, provided the
/// stream is still at <see cref="ExpectedVersion"/>.
/// </summary>
internal sealed record AppendRequest(string StreamId, int ExpectedVersion, IReadOnlyList<NewEvent> Events, Guid BatchId);
