namespace Orleans.Conversations.EventStore.Tests.Journal;

public interface IJournalGrain : IGrainWithGuidKey
{
    /// <summary>Raises one <see cref="ItemAdded"/> per item, confirms them as one batch, returns the version.</summary>
    Task<int> Add(params string[] items);

    /// <summary>Raises one <see cref="ItemAdded"/> on condition that the grain is at <paramref name="version"/>.</summary>
    Task<bool> AddIfAt(int version, string item);

    /// <summary>The last connection issue the grain heard of, if any.</summary>
    Task<string?> GetLastIssue();

    Task<JournalState> GetState();

    Task<int> GetVersion();

    Task<List<JournalEvent>> GetEvents(int fromVersion, int toVersion);

    Task Clear();

    Task Deactivate();
}
