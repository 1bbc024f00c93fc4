namespace Orleans.Conversations.EventStore.Tests.Journal;

public interface IJournalGrain : IGrainWithGuidKey
{
    /// <summary>Raises one <see cref="ItemAdded"/> per item, confirms them as one batch, returns the version.</summary>
    Task<int> Add(params string[] items);

    Task<JournalState> GetState();

    Task<int> GetVersion();

    Task<List<JournalEvent>> GetEvents(int fromVersion, int toVersion);

    Task Clear();

    Task Deactivate();
}
