using System.Text.Json;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Grains.Events;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.State;
using Orleans.Conversations.Grains.Tests.Infrastructure;

namespace Orleans.Conversations.Grains.Tests;

/// <summary>A fork: the parent's state carried in its first event, readable from a snapshot, whatever the parent's length.</summary>
[Collection(ConversationClusterCollection.Name)]
public sealed class ForkTests(ConversationClusterFixture fixture)
{
    [Fact]
    public void a_forks_state_has_the_parents_turns_and_unanswered_message_and_reads_back_from_its_snapshot_form()
    {
        var parent = LongState(2_000, lastAnswered: false);

        var fork = new ConversationState();
        var origin = new ForkOrigin(Guid.NewGuid(), parent.Version);
        fork.Apply(new SessionForked(origin, "acme", "ada", true, parent.ToInherited()) { At = DateTimeOffset.UtcNow });
        var json = JsonSerializer.Serialize(fork, new PostgresEventStoreOptions().JsonOptions);
        var restored = JsonSerializer.Deserialize<ConversationState>(json, new PostgresEventStoreOptions().JsonOptions)!;

        Assert.Equal(1, restored.Version);
        Assert.Equal(origin, restored.ForkedFrom);
        Assert.Equal(parent.MessageCount, restored.MessageCount);
        Assert.Equal(parent.RecentTurns, restored.RecentTurns);
        Assert.Equal(parent.Context.ToJson().ToJsonString(), restored.Context.ToJson().ToJsonString());
        Assert.Equal(new MessageRecord("m-1999", 1), restored.FindMessage("m-1999"));
        Assert.Null(restored.EarlierMessageDigests);
        Assert.False(restored.MayBeEarlierMessage("m-1998"), "the parent's ids are not in the fork's stream: nothing to look up");
        Assert.Empty(restored.RecentContextChanges);
        for (var i = 0; i < 40; i++)
            restored.Apply(new UserMessageReceived($"fork message {i}", $"f-{i}") { At = DateTimeOffset.UtcNow });
        var later = JsonSerializer.Deserialize<ConversationState>(JsonSerializer.Serialize(restored, new PostgresEventStoreOptions().JsonOptions),
            new PostgresEventStoreOptions().JsonOptions)!;
        Assert.True(later.MayBeEarlierMessage("f-0"));
        Assert.True(later.MayBeEarlierMessage("m-1999"));
        Assert.False(later.MayBeEarlierMessage("f-never"));
    }

    [Fact]
    public async Task a_fork_of_a_long_session_at_an_old_version_equals_its_state_there_and_a_second_start_as_another_fork_is_refused()
    {
        var parentId = Guid.NewGuid();
        await TestDatabase.FillConversationAsync(parentId, 3_001);
        var parent = fixture.Grains.GetGrain<IConversationGrain>(parentId);
        var forkId = Guid.NewGuid();

        var fork = await parent.Fork(Caller.Local, 1_235, forkId);
        var again = await parent.Fork(Caller.Local, 1_235, forkId);
        var other = parent.Fork(Caller.Local, 1_000, forkId);

        Assert.Equal(new SessionFork(forkId, 1, new ForkOrigin(parentId, 1_235)), fork);
        Assert.Equal(fork, again);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => other);
        var expected = (await parent.GetStateAt(Caller.Local, 1_235))!;
        var actual = (await fixture.Grains.GetGrain<IConversationGrain>(forkId).GetSession(Caller.Local))!;
        Assert.Equal(expected with { SessionId = forkId, Version = 1, StartedAt = actual.StartedAt, LastActivityAt = actual.LastActivityAt, ForkedFrom = fork!.ForkedFrom },
            actual with { Context = expected.Context, RecentTurns = expected.RecentTurns });
        Assert.Equal(expected.RecentTurns, actual.RecentTurns);
        Assert.Null(await parent.Fork(Caller.Local, 3_002, Guid.NewGuid()));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => parent.Fork(new Caller("default", "someone-else", IsAdmin: false), null, Guid.NewGuid()));
    }

    private static ConversationState LongState(int messages, bool lastAnswered)
    {
        var state = new ConversationState();
        var at = DateTimeOffset.UtcNow;
        state.Apply(new SessionStarted(null, 20, "acme", "ada") { At = at });
        state.Apply(new ContextUpdated("name", "Ada") { At = at });
        for (var i = 0; i < messages; i++)
        {
            state.Apply(new UserMessageReceived($"message {i}", $"m-{i}") { At = at });
            if (i < messages - 1 || lastAnswered)
                state.Apply(new AssistantReplied($"reply {i}", $"m-{i}") { At = at });
        }

        return state;
    }
}
