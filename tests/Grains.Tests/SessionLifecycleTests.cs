using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Tests.Infrastructure;

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

        var erased = await session.Delete(Owner);
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(4, erased);
        Assert.Null(await session.GetSession(Owner));
        Assert.Null(await session.GetEvents(Owner, 1, 10));
        Assert.Null(await session.GetStateAt(Owner, 1));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.SendMessage(Owner, new UserMessage("hello?", "m1")));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Start(Owner, null));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Rename(Owner, "back"));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Delete(Owner));
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id)));
    }

    [Fact]
    public async Task a_turn_racing_a_deletion_either_finishes_before_it_or_fails_and_nothing_is_left()
    {
        for (var round = 0; round < 5; round++)
        {
            var id = Guid.NewGuid();
            var session = fixture.Grains.GetGrain<IConversationGrain>(id);
            await session.SendMessage(Owner, new UserMessage("hello"));

            var turn = session.SendMessage(Owner, new UserMessage("I like racing"));
            var deletion = session.Delete(Admin);
            await Task.WhenAll(turn, deletion).ContinueWith(_ => { }, TaskScheduler.Default);

            Assert.True(deletion.IsCompletedSuccessfully, deletion.Exception?.ToString());
            Assert.True(turn.IsCompletedSuccessfully || turn.Exception?.InnerException is SessionNotFoundException, turn.Exception?.ToString());
            Assert.Equal(0L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id)));
        }
    }

    [Fact]
    public async Task only_the_owner_renames_and_admins_may_delete()
    {
        var session = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        await session.SendMessage(Owner, new UserMessage("hello"));

        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Rename(Admin, "mine now"));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Delete(new Caller("acme", "someone", false)));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Delete(new Caller("globex", "root", true)));
        await session.Rename(Owner, "Greetings");

        Assert.Equal("Greetings", (await session.GetSession(Owner))!.Title);
        Assert.True(await session.Delete(Admin) > 0);
    }
}
