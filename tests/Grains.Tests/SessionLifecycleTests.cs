using Microsoft.Extensions.DependencyInjection;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Tests.Infrastructure;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.SessionList;
using Orleans.TestingHost;

namespace Orleans.Conversations.Grains.Tests;

[Collection(ConversationClusterCollection.Name)]
public sealed class SessionLifecycleTests(ConversationClusterFixture fixture)
{
    private static readonly Caller Owner = new("acme", "owner", false);
    private static readonly Caller Admin = new("acme", "root", true);

    [Fact]
    public async Task a_deleted_session_stays_deleted_across_activations_and_takes_no_more_events()
    {
        var id = Guid.NewGuid();
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);
        await session.SendMessage(Owner, new UserMessage("my name is Ola", "m1"));

        var outcome = await session.Delete(Owner, SessionDeletion.Unconditional());
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(DeletionOutcome.Deleted, outcome);
        Assert.Null(await session.GetSession(Owner));
        Assert.Null(await session.GetEvents(Owner, 1, 10));
        Assert.Null(await session.GetStateAt(Owner, 1));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.SendMessage(Owner, new UserMessage("hello?", "m1")));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Start(Owner, null));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Rename(Owner, "back"));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Delete(Owner, SessionDeletion.Unconditional()));
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id)));
    }

    [Fact]
    public async Task a_deletion_sent_again_is_told_it_was_its_own_and_another_finishes_what_the_first_left()
    {
        var id = Guid.NewGuid();
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);
        await session.SendMessage(Owner, new UserMessage("hello", Guid.NewGuid().ToString()));
        var deletion = SessionDeletion.Unconditional();

        var first = await session.Delete(Owner, deletion);
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var retried = await session.Delete(Owner, deletion);
        await ListHasAppliedErasureOfAsync(id);

        // As if the first deletion had erased the events and then failed to remove the list row.
        await TestDatabase.ScalarAsync<int>(
            "INSERT INTO session_list.sessions (session_id, tenant, owner, started_at, last_activity_at, version) VALUES ($1, 'acme', 'owner', now(), now(), 3) RETURNING 0", id);
        var another = await session.Delete(Owner, SessionDeletion.Unconditional());

        Assert.Equal(DeletionOutcome.Deleted, first);
        Assert.Equal(DeletionOutcome.Deleted, retried);
        Assert.Equal(DeletionOutcome.AlreadyDeleted, another);
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM session_list.sessions WHERE session_id = $1", id));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Delete(new Caller("acme", "someone", false), SessionDeletion.Unconditional()));
    }

    [Fact]
    public async Task a_session_erased_under_a_snapshot_written_after_its_erasure_stays_erased()
    {
        var id = Guid.NewGuid();
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);
        await TestDatabase.FillConversationAsync(id, 151);
        Assert.NotNull(await session.GetSession(Caller.Local));
        var snapshot = await TestDatabase.ScalarAsync<string>("SELECT state::text FROM eventstore.snapshots WHERE stream_id = $1", TestDatabase.StreamOf(id));

        await session.Delete(Caller.Local, SessionDeletion.Unconditional());
        // A snapshot that raced the erasure and landed after it, as a writer without the tombstone check could.
        await TestDatabase.ScalarAsync<int>(
            "INSERT INTO eventstore.snapshots (stream_id, version, state_type, state) VALUES ($1, 151, 'x', $2::jsonb) RETURNING 0", TestDatabase.StreamOf(id), snapshot);
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Null(await session.GetSession(Caller.Local));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.SendMessage(Caller.Local, new UserMessage("am I back?", Guid.NewGuid().ToString())));
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id)));
    }

    [Fact]
    public async Task a_session_active_since_the_idle_limit_is_not_deleted_by_a_conditional_deletion()
    {
        var id = Guid.NewGuid();
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await session.SendMessage(Owner, new UserMessage("still talking", Guid.NewGuid().ToString()));

        var inUse = await session.Delete(Owner, new SessionDeletion(Guid.NewGuid(), IdleBefore: before));
        var idle = await session.Delete(Owner, new SessionDeletion(Guid.NewGuid(), IdleBefore: DateTimeOffset.UtcNow.AddSeconds(1)));

        Assert.Equal(DeletionOutcome.InUse, inUse);
        Assert.Equal(DeletionOutcome.Deleted, idle);
    }

    [Fact]
    public async Task a_turn_racing_a_deletion_either_finishes_before_it_or_fails_and_nothing_is_left()
    {
        for (var round = 0; round < 5; round++)
        {
            var id = Guid.NewGuid();
            var session = fixture.Grains.GetGrain<IConversationGrain>(id);
            await session.SendMessage(Owner, new UserMessage("hello", Guid.NewGuid().ToString()));

            var turn = session.SendMessage(Owner, new UserMessage("I like racing", Guid.NewGuid().ToString()));
            var deletion = session.Delete(Owner, SessionDeletion.Unconditional());
            await Task.WhenAll(turn, deletion).ContinueWith(_ => { }, TaskScheduler.Default);

            Assert.True(deletion.IsCompletedSuccessfully, deletion.Exception?.ToString());
            Assert.True(turn.IsCompletedSuccessfully || turn.Exception?.InnerException is SessionNotFoundException, turn.Exception?.ToString());
            Assert.Equal(0L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id)));
        }
    }

    [Fact]
    public async Task only_the_owner_renames_and_deletes_a_session()
    {
        var session = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        await session.SendMessage(Owner, new UserMessage("hello", Guid.NewGuid().ToString()));

        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Rename(Admin, "mine now"));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Delete(new Caller("acme", "someone", false), SessionDeletion.Unconditional()));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Delete(Admin, SessionDeletion.Unconditional()));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Delete(new Caller("globex", "root", true), SessionDeletion.Unconditional()));
        await session.Rename(Owner, "Greetings");

        Assert.Equal("Greetings", (await session.GetSession(Owner))!.Title);
        Assert.Equal(DeletionOutcome.Deleted, await session.Delete(Owner, SessionDeletion.Unconditional()));
    }

    /// <summary>
    /// Waits until the session list has applied the erasure's marker in the feed, so that a row written after it is one
    /// the list left behind rather than one it is about to remove. The feed stops short of any transaction still open on
    /// the server, and other test assemblies share it, hence the generous wait.
    /// </summary>
    private async Task ListHasAppliedErasureOfAsync(Guid id)
    {
        var marker = await TestDatabase.ScalarAsync<string>(
            "SELECT transaction_id::text || '/' || global_position FROM eventstore.erased_streams WHERE stream_id = $1", TestDatabase.StreamOf(id));
        var silo = Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Primary);
        var projector = silo.SiloHost!.Services.GetRequiredService<SessionListProjector>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await projector.ProjectBatchAsync();
            var token = await TestDatabase.ScalarAsync<string>("SELECT cursor FROM session_list.projection WHERE name = 'sessions'");
            Assert.True(FeedCursor.TryParse(token, out var cursor));
            var parts = marker.Split('/');
            if ((cursor.TransactionId, cursor.Position).CompareTo((ulong.Parse(parts[0]), long.Parse(parts[1]))) >= 0)
                return;
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"the session list has not applied the erasure of {id} at {marker}; it stands at {cursor}");
            await Task.Delay(50);
        }
    }
}
