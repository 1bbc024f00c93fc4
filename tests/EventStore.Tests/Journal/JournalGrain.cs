using Orleans.EventSourcing;
using Orleans.Providers;

namespace Orleans.Conversations.EventStore.Tests.Journal;

[LogConsistencyProvider(ProviderName = JournalGrain.EventStoreName)]
public sealed class JournalGrain : JournaledGrain<JournalState, JournalEvent>, IJournalGrain
{
    public const string EventStoreName = "EventStore";

    public async Task<int> Add(params string[] items)
    {
        RaiseEvents(items.Select(item => new ItemAdded(item)));
        await ConfirmEvents();
        return Version;
    }

    private string? _lastIssue;

    public async Task<bool> AddIfAt(int version, string item) =>
        version == Version && await RaiseConditionalEvent(new ItemAdded(item));

    public Task<string?> GetLastIssue() => Task.FromResult(_lastIssue);

    protected override void OnConnectionIssue(ConnectionIssue issue) => _lastIssue = $"{issue.GetType().Name}: {issue}";

    public Task<JournalState> GetState() => Task.FromResult(State);

    public Task<int> GetVersion() => Task.FromResult(Version);

    public async Task<List<JournalEvent>> GetEvents(int fromVersion, int toVersion) =>
        [.. await RetrieveConfirmedEvents(fromVersion, toVersion)];

    public Task Clear() => ClearLogAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    protected override void TransitionState(JournalState state, JournalEvent @event) => state.Apply(@event);
}
