namespace Orleans.Conversations.EventStore.Storage;

/// <summary>
/// Writes appends to the events table. The default writes each append in its own statement; an implementation may
/// group the appends of many streams into one round trip, as long as each request gets its own outcome.
/// </summary>
internal interface IEventStreamAppender
{
    /// <summary>
    /// True once the events are durably stored; false if the stream had moved past the expected version (nothing of
    /// this request was written). Throws when the outcome is unknown (the connection failed).
    /// </summary>
    Task<bool> AppendAsync(AppendRequest request, CancellationToken cancellationToken);
}
