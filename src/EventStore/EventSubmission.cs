using Orleans.Conversations.EventStore.Storage;
using Orleans.EventSourcing.Common;

namespace Orleans.Conversations.EventStore;

/// <summary>A raised event waiting to be appended, serialized when it was raised so the append does no more work.</summary>
internal sealed class EventSubmission<TEntry> : SubmissionEntry<TEntry>
{
    public required NewEvent Stored { get; init; }
}
