using Orleans.Conversations.EventStore.Serialization;
using Orleans.EventSourcing;
using Orleans.Providers;

namespace Orleans.Conversations.Bench.Journal;

/// <summary>An event of the append-path scenario.</summary>
[GenerateSerializer, Immutable, EventTypeName("BenchAppended")]
public sealed record BenchAppended([property: Id(0)] string Text);

/// <summary>The state of the append-path grains: how many events they applied.</summary>
[GenerateSerializer]
public sealed class BenchState
{
    [Id(0)] public int Count { get; set; }
}

/// <summary>Appends events and confirms them, so the store's append path can be timed.</summary>
public interface IBenchJournalGrain : IGrainWithGuidKey
{
    /// <summary>Raises <paramref name="events"/> events, confirms them as one batch, returns the version.</summary>
    Task<int> Append(int events);
}

/// <summary>The journal on this project's PostgreSQL event store.</summary>
[LogConsistencyProvider(ProviderName = "EventStore")]
public sealed class EventStoreBenchGrain : BenchJournalGrain;

/// <summary>The journal on Orleans' built-in LogStorage provider over ADO.NET grain storage.</summary>
[LogConsistencyProvider(ProviderName = "LogStorage")]
public sealed class LogStorageBenchGrain : BenchJournalGrain;

/// <summary>What both journals share.</summary>
public abstract class BenchJournalGrain : JournaledGrain<BenchState, BenchAppended>, IBenchJournalGrain
{
    private static readonly string Text = "a message of ordinary length, about as long as a chat turn";

    public async Task<int> Append(int events)
    {
        RaiseEvents(Enumerable.Range(0, events).Select(_ => new BenchAppended(Text)));
        await ConfirmEvents();
        return Version;
    }

    protected override void TransitionState(BenchState state, BenchAppended @event) => state.Count++;
}
