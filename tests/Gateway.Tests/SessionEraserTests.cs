using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.HttpApi.Cluster;
using Orleans.Conversations.SessionList;

namespace Orleans.Conversations.Gateway.Tests;

public sealed class SessionEraserTests
{
    private static readonly Caller Owner = new("acme", "alice", IsAdmin: false);

    [Fact]
    public async Task a_deletion_the_store_could_not_finish_is_sent_again_after_a_growing_delay_with_the_same_erasure_id()
    {
        var grain = new FlakyDeletion(failures: 2);
        var deletion = SessionDeletion.Unconditional();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var outcome = await (await EraserAsync(grain)).DeleteAsync(Guid.NewGuid(), Owner, deletion, CancellationToken.None);

        Assert.Equal(DeletionOutcome.Deleted, outcome);
        Assert.Equal([deletion.ErasureId, deletion.ErasureId, deletion.ErasureId], grain.ErasureIds);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"the retries waited only {clock.Elapsed} (100 ms, then 200 ms)");
    }

    [Fact]
    public async Task a_deletion_that_keeps_failing_reaches_the_caller_after_five_attempts()
    {
        var grain = new FlakyDeletion(failures: int.MaxValue);

        await Assert.ThrowsAsync<SessionUnavailableException>(async () =>
            await (await EraserAsync(grain)).DeleteAsync(Guid.NewGuid(), Owner, SessionDeletion.Unconditional(), CancellationToken.None));

        Assert.Equal(5, grain.ErasureIds.Count);
    }

    private static async Task<SessionEraser> EraserAsync(FlakyDeletion grain)
    {
        var dataSource = NpgsqlDataSource.Create(await TestDatabase.GetConnectionStringAsync());
        var grains = DispatchProxy.Create<IGrainFactory, OneGrainFactory>();
        ((OneGrainFactory)(object)grains).Grain = grain.Proxy;
        return new SessionEraser(grains, new SessionListStore(dataSource), NoStreams, TimeProvider.System, NullLogger<SessionEraser>.Instance);
    }

    private static IEventStreamEraser NoStreams => DispatchProxy.Create<IEventStreamEraser, Unused>();

    /// <summary>A session grain whose <c>Delete</c> fails as the store does when it cannot confirm, a number of times.</summary>
    private sealed class FlakyDeletion(int failures)
    {
        public List<Guid> ErasureIds { get; } = [];

        public IConversationGrain Proxy
        {
            get
            {
                var proxy = DispatchProxy.Create<IConversationGrain, DeleteOnly>();
                ((DeleteOnly)(object)proxy).Delete = deletion =>
                {
                    ErasureIds.Add(deletion.ErasureId);
                    return ErasureIds.Count <= failures
                        ? Task.FromException<DeletionOutcome>(new SessionUnavailableException("The store did not confirm in time."))
                        : Task.FromResult(DeletionOutcome.Deleted);
                };
                return proxy;
            }
        }
    }

    public class DeleteOnly : DispatchProxy
    {
        public Func<SessionDeletion, Task<DeletionOutcome>> Delete { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name == nameof(IConversationGrain.Delete)
            ? Delete((SessionDeletion)args![1]!)
            : throw new NotSupportedException(targetMethod?.Name);
    }

    public class OneGrainFactory : DispatchProxy
    {
        public IConversationGrain Grain { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name == nameof(IGrainFactory.GetGrain)
            ? Grain
            : throw new NotSupportedException(targetMethod?.Name);
    }

    public class Unused : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw new NotSupportedException(targetMethod?.Name);
    }
}
