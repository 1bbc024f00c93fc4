using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.State;
using Orleans.Conversations.Tests.Fakes;

namespace Orleans.Conversations.Grains.Tests.Model;

[Collection(ModelClusterCollection.Name)]
public sealed class ModelReplyTests(ModelClusterFixture fixture)
{
    private FakeChatServer Model => fixture.Model;

    [Fact]
    public async Task the_prompt_carries_the_remembered_context_and_the_newest_turns_that_fit_the_budget()
    {
        Model.Reply = "Noted.";
        // A user of its own: what other tests tell Caller.Local is in that user's memory, and so in this prompt.
        var user = new Caller("model-tests", $"user-{Guid.NewGuid():N}", false);
        var session = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        await session.SendMessage(user, new UserMessage("My name is Zoë and I live in São Paulo", Guid.NewGuid().ToString()));
        await session.SendMessage(user, new UserMessage("old filler " + new string('a', 200), Guid.NewGuid().ToString()));
        await session.SendMessage(user, new UserMessage("recent one", Guid.NewGuid().ToString()));

        var reply = await session.SendMessage(user, new UserMessage("What should I cook tonight?", Guid.NewGuid().ToString()));

        Assert.Equal("Noted.", reply.Reply);
        var request = Model.Requests[^1];
        Assert.Equal("test-model", request["model"]!.GetValue<string>());
        var messages = request["messages"]!.AsArray();
        Assert.Equal("system", messages[0]!["role"]!.GetValue<string>());
        var system = ContentOf(messages[0]!);
        Assert.Contains("Zoë", system);
        Assert.Contains("São Paulo", system);
        Assert.Equal("user", messages[^1]!["role"]!.GetValue<string>());
        Assert.Equal("What should I cook tonight?", ContentOf(messages[^1]!));
        var history = messages.Skip(1).SkipLast(1).Select(m => ContentOf(m!)).ToList();
        Assert.Equal(["recent one", "Noted."], history.TakeLast(2));
        Assert.DoesNotContain(history, text => text.StartsWith("old filler", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_failing_model_records_reply_failed_and_a_retry_completes_the_turn_without_storing_the_message_twice()
    {
        var id = Guid.NewGuid();
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);
        Model.Reply = null;

        var failure = await Assert.ThrowsAsync<ReplyUnavailableException>(() => session.SendMessage(Caller.Local, new UserMessage("hello there", "ask-1")));

        Assert.False(failure.TimedOut);
        Assert.Equal("ask-1", failure.MessageId);
        Assert.Equal("SessionStarted,UserMessageReceived,ReplyFailed", await TestDatabase.EventTypesAsync(id));

        Model.Reply = "Hello again!";
        var retried = await session.SendMessage(Caller.Local, new UserMessage("hello there", "ask-1"));

        Assert.Equal("Hello again!", retried.Reply);
        Assert.Equal(4, retried.Version);
        Assert.Equal("SessionStarted,UserMessageReceived,ReplyFailed,AssistantReplied", await TestDatabase.EventTypesAsync(id));
        Assert.Equal("hello there", ContentOf(Model.Requests[^1]["messages"]!.AsArray()[^1]!));
        Assert.Equal(retried, await session.SendMessage(Caller.Local, new UserMessage("hello there", "ask-1")));
    }

    [Fact]
    public async Task a_failed_turn_long_past_the_recent_window_is_answered_by_its_retry_and_its_message_stored_once()
    {
        var id = Guid.NewGuid();
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);
        Model.Reply = null;
        await Assert.ThrowsAsync<ReplyUnavailableException>(() => session.SendMessage(Caller.Local, new UserMessage("hello there", "old")));
        Model.Reply = "A reply from the model.";
        for (var i = 0; i < ConversationState.IdempotencyWindow + 1; i++)
            await session.SendMessage(Caller.Local, new UserMessage($"message {i}", Guid.NewGuid().ToString()));

        var retried = await session.SendMessage(Caller.Local, new UserMessage("hello there", "old"));

        Assert.Equal("A reply from the model.", retried.Reply);
        Assert.Equal(retried, await session.SendMessage(Caller.Local, new UserMessage("hello there", "old")));
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE stream_id = $1 AND event_type = 'UserMessageReceived' AND data->>'messageId' = 'old'",
            TestDatabase.StreamOf(id)));
    }

    [Fact]
    public async Task a_failing_model_turn_sent_for_its_events_ends_in_a_failed_event()
    {
        var id = Guid.NewGuid();
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);
        Model.Reply = null;

        var events = await session.SendMessageForEvents(Caller.Local, new UserMessage("hello there", "ask-events"));

        Assert.Equal(TurnEventKind.Started, events[0].Kind);
        Assert.Equal(TurnEventKind.Failed, events[^1].Kind);
        Assert.Equal(ReplyFailure.Failed, events[^1].Failure);
        Assert.Contains("ask-events", events[^1].Error);
        Assert.Equal("SessionStarted,UserMessageReceived,ReplyFailed", await TestDatabase.EventTypesAsync(id));
    }

    [Fact]
    public async Task a_model_that_times_out_is_recorded_and_reported_as_a_timeout()
    {
        var id = Guid.NewGuid();
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);
        Model.Reply = "too late";
        Model.Delay = TimeSpan.FromSeconds(6);
        try
        {
            var failure = await Assert.ThrowsAsync<ReplyUnavailableException>(() => session.SendMessage(Caller.Local, new UserMessage("are you there?", "slow-1")));

            Assert.True(failure.TimedOut);
            Assert.Equal("SessionStarted,UserMessageReceived,ReplyFailed", await TestDatabase.EventTypesAsync(id));
            Assert.Equal("The model timed out", await TestDatabase.ScalarAsync<string>(
                "SELECT data->>'reason' FROM eventstore.events WHERE stream_id = $1 AND event_type = 'ReplyFailed'", TestDatabase.StreamOf(id)));
        }
        finally
        {
            Model.Delay = TimeSpan.Zero;
        }
    }

    private static string ContentOf(System.Text.Json.Nodes.JsonNode message) => message["content"] switch
    {
        System.Text.Json.Nodes.JsonValue value => value.GetValue<string>(),
        System.Text.Json.Nodes.JsonArray parts => string.Concat(parts.Select(p => p!["text"]!.GetValue<string>())),
        _ => "",
    };
}
