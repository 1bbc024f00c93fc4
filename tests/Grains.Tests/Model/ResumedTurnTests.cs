using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Tests.Fakes;

namespace Orleans.Conversations.Grains.Tests.Model;

/// <summary>A turn's stream resumed after the grain no longer holds its deltas: told again from the log.</summary>
[Collection(ModelClusterCollection.Name)]
public sealed class ResumedTurnTests(ModelClusterFixture fixture)
{
    private const string Reply = "one two three four five six";

    private FakeChatServer Model => fixture.Model;

    [Fact]
    public async Task a_turn_resumed_past_its_first_deltas_after_newer_turns_pushed_it_out_ends_completed_with_the_rest_of_the_reply()
    {
        var session = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        var (seen, reply) = await SendAndSeeFirstDeltasAsync(session, "old-turn", deltas: 2);
        for (var i = 0; i < 5; i++)
            await session.SendMessage(Caller.Local, new UserMessage($"newer {i}", $"newer-{i}"));

        var rest = await session.ReadTurn(Caller.Local, "old-turn", seen[^1].Sequence, TimeSpan.Zero);

        AssertResumedToTheEnd(seen, rest, reply);
    }

    [Fact]
    public async Task a_turn_resumed_past_its_first_deltas_after_the_session_was_reactivated_ends_completed_with_the_rest_of_the_reply()
    {
        var session = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        var (seen, reply) = await SendAndSeeFirstDeltasAsync(session, "before-restart", deltas: 3);
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var rest = await session.ReadTurn(Caller.Local, "before-restart", seen[^1].Sequence, TimeSpan.Zero);

        AssertResumedToTheEnd(seen, rest, reply);
        var replayed = await session.ReadTurn(Caller.Local, "before-restart", 0, TimeSpan.Zero);
        Assert.Equal(seen.Concat(rest!).Select(e => (e.Sequence, e.Kind, e.Text)), replayed!.Select(e => (e.Sequence, e.Kind, e.Text)));
    }

    /// <summary>Sends a message whose reply streams a word at a time and keeps the events a client saw before its connection dropped.</summary>
    private async Task<(List<TurnEvent> Seen, MessageReply Reply)> SendAndSeeFirstDeltasAsync(IConversationGrain session, string messageId, int deltas)
    {
        Model.Reply = Reply;
        var reply = await session.SendMessage(Caller.Local, new UserMessage("count for me", messageId));
        var all = await session.ReadTurn(Caller.Local, messageId, 0, TimeSpan.Zero);
        Assert.True(all!.Count(e => e.Kind == TurnEventKind.Delta) > deltas, "the reply came in more deltas than the client saw");
        return ([.. all!.Take(1 + deltas)], reply);
    }

    private static void AssertResumedToTheEnd(List<TurnEvent> seen, TurnEvent[]? rest, MessageReply reply)
    {
        Assert.NotNull(rest);
        Assert.NotEmpty(rest);
        var events = seen.Concat(rest).ToList();
        Assert.Equal(TurnEventKind.Completed, events[^1].Kind);
        Assert.Equal(reply, events[^1].Reply);
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Sequence));
        Assert.Equal(Reply, string.Concat(events.Where(e => e.Kind == TurnEventKind.Delta).Select(e => e.Text)));
    }
}
