using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Tests.Fakes;

namespace Orleans.Conversations.Grains.Tests.Model;

/// <summary>A turn's events read while a slow model streams its reply.</summary>
[Collection(ModelClusterCollection.Name)]
public sealed class StreamedTurnTests(ModelClusterFixture fixture)
{
    private const string Reply = "one two three four five six";

    private FakeChatServer Model => fixture.Model;

    [Fact]
    public async Task two_readers_of_one_turn_see_the_same_events_as_they_happen_and_the_deltas_make_the_stored_reply()
    {
        await WithSlowModelAsync(async () =>
        {
            var session = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
            var turn = session.SendMessage(Caller.Local, new UserMessage("count for me", "count"));

            var readers = await Task.WhenAll(ReadAllAsync(session, "count", 0), ReadAllAsync(session, "count", 0));
            var reply = await turn;

            Assert.Equal(readers[0].Select(e => (e.Sequence, e.Kind, e.Text)), readers[1].Select(e => (e.Sequence, e.Kind, e.Text)));
            var events = readers[0];
            Assert.Equal(TurnEventKind.Started, events[0].Kind);
            Assert.True(events.Count(e => e.Kind == TurnEventKind.Delta) > 1, "the reply came in several deltas");
            Assert.Equal(Reply, string.Concat(events.Where(e => e.Kind == TurnEventKind.Delta).Select(e => e.Text)));
            Assert.Equal(reply, events[^1].Reply);
            Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Sequence));
        });
    }

    [Fact]
    public async Task a_reader_resumes_after_the_last_event_it_saw_and_a_finished_turn_replays()
    {
        await WithSlowModelAsync(async () =>
        {
            var session = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
            var turn = session.SendMessage(Caller.Local, new UserMessage("count for me", "count"));
            var firstRead = await ReadUntilAsync(session, "count", 0, events => events.Count >= 3);

            var resumed = await ReadAllAsync(session, "count", firstRead[^1].Sequence);
            await turn;
            var replayed = await ReadAllAsync(session, "count", 0);

            Assert.Equal(firstRead.Concat(resumed).Select(e => e.Sequence), Enumerable.Range(1, replayed.Count));
            Assert.Equal(replayed.Select(e => e.Text), firstRead.Concat(resumed).Select(e => e.Text));
        });
    }

    [Fact]
    public async Task a_cancelled_turn_is_stored_as_ended_and_a_retry_answers_it_anew()
    {
        var id = Guid.NewGuid();
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);
        // A word a second: the turn runs until the model timeout (3 s), well after the cancel comes.
        await WithSlowModelAsync(TimeSpan.FromSeconds(1), async () =>
        {
            var turn = session.SendMessage(Caller.Local, new UserMessage("count for me", "count"));
            await ReadUntilAsync(session, "count", 0, events => events.Any(e => e.Kind == TurnEventKind.Delta));

            Assert.True(await session.CancelTurn(Caller.Local, "count"), "the turn was still running when it was cancelled");
            var failure = await Assert.ThrowsAsync<ReplyUnavailableException>(() => turn);
            var events = await ReadAllAsync(session, "count", 0);

            Assert.True(failure.Cancelled);
            Assert.Equal(ReplyFailure.Cancelled, events[^1].Failure);
            Assert.Equal("SessionStarted,UserMessageReceived,ReplyFailed", await TestDatabase.EventTypesAsync(id));
            Assert.False(await session.CancelTurn(Caller.Local, "count"));
            Assert.Null(await session.CancelTurn(Caller.Local, "no-such-turn"));
        });

        var retried = await session.SendMessage(Caller.Local, new UserMessage("count for me", "count"));

        Assert.Equal(Reply, retried.Reply);
        Assert.Equal("SessionStarted,UserMessageReceived,ReplyFailed,AssistantReplied", await TestDatabase.EventTypesAsync(id));
    }

    [Fact]
    public async Task a_message_sent_mid_turn_waits_for_it_and_nothing_interleaves_in_the_log()
    {
        var id = Guid.NewGuid();
        await WithSlowModelAsync(async () =>
        {
            var session = fixture.Grains.GetGrain<IConversationGrain>(id);
            var first = session.SendMessage(Caller.Local, new UserMessage("first", "first"));
            await ReadUntilAsync(session, "first", 0, events => events.Any(e => e.Kind == TurnEventKind.Delta));

            var second = await session.SendMessage(Caller.Local, new UserMessage("second", "second"));

            Assert.True(first.IsCompletedSuccessfully, "the first turn ended before the second began");
            Assert.Equal((await first).Version + 2, second.Version);
        });

        Assert.Equal("SessionStarted,UserMessageReceived,AssistantReplied,UserMessageReceived,AssistantReplied", await TestDatabase.EventTypesAsync(id));
    }

    [Fact]
    public async Task strangers_cannot_read_or_cancel_a_turn()
    {
        await WithSlowModelAsync(async () =>
        {
            var session = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
            var turn = session.SendMessage(Caller.Local, new UserMessage("count for me", "count"));
            await ReadUntilAsync(session, "count", 0, events => events.Count > 0);
            var stranger = new Caller("elsewhere", "someone", true);

            Assert.Null(await session.ReadTurn(stranger, "count", 0, TimeSpan.Zero));
            Assert.Null(await session.CancelTurn(stranger, "count"));
            await turn;
        });
    }

    private Task WithSlowModelAsync(Func<Task> test) => WithSlowModelAsync(TimeSpan.FromMilliseconds(150), test);

    private async Task WithSlowModelAsync(TimeSpan chunkDelay, Func<Task> test)
    {
        Model.Reply = Reply;
        Model.ChunkDelay = chunkDelay;
        try
        {
            await test();
        }
        finally
        {
            Model.ChunkDelay = TimeSpan.Zero;
        }
    }

    private static Task<List<TurnEvent>> ReadAllAsync(IConversationGrain session, string messageId, int after) =>
        ReadUntilAsync(session, messageId, after, events => events.Count > 0 && events[^1].IsLast);

    private static async Task<List<TurnEvent>> ReadUntilAsync(IConversationGrain session, string messageId, int after, Func<List<TurnEvent>, bool> enough)
    {
        var events = new List<TurnEvent>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!enough(events))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the turn's events stopped at {events.Count}");
            var read = await session.ReadTurn(Caller.Local, messageId, events.Count > 0 ? events[^1].Sequence : after, TimeSpan.FromSeconds(2));
            if (read is not null)
                events.AddRange(read);
            if (events.Count > 0 && events[^1].IsLast)
                break;
        }

        return events;
    }
}
