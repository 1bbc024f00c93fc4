using Orleans.Conversations.Engine;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.State;
using Orleans.Conversations.Grains.Tests.Infrastructure;

namespace Orleans.Conversations.Grains.Tests;

[Collection(ConversationClusterCollection.Name)]
public sealed class ConversationGrainTests(ConversationClusterFixture fixture)
{
    private IConversationGrain NewSession(out Guid id)
    {
        id = Guid.NewGuid();
        return fixture.Grains.GetGrain<IConversationGrain>(id);
    }

    [Fact]
    public async Task a_multi_turn_conversation_remembers_what_it_learned_and_logs_each_turn_in_one_append()
    {
        var session = NewSession(out var id);

        var first = await session.SendMessage(Caller.Local, new UserMessage("Hi, my name is Zoë", "m1"));
        var second = await session.SendMessage(Caller.Local, new UserMessage("What is my name?", "m2"));

        Assert.Contains("Zoë", second.Reply);
        Assert.Equal(4, first.Version);
        Assert.Equal(6, second.Version);
        Assert.Equal("SessionStarted,UserMessageReceived,ContextUpdated,AssistantReplied,UserMessageReceived,AssistantReplied",
            await TestDatabase.EventTypesAsync(id));
        Assert.Equal(2L, await TestDatabase.ScalarAsync<long>(
            "SELECT count(DISTINCT batch_id) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id)));
        Assert.Equal("m1", await TestDatabase.ScalarAsync<string>(
            "SELECT data->>'inReplyTo' FROM eventstore.events WHERE stream_id = $1 AND version = 4", TestDatabase.StreamOf(id)));

        var view = (await session.GetSession(Caller.Local))!;
        Assert.Equal("Zoë", view.Context.Name);
        Assert.Equal(2, view.MessageCount);
        Assert.Equal([TurnRoles.User, TurnRoles.Assistant, TurnRoles.User, TurnRoles.Assistant], view.RecentTurns.Select(t => t.Role));
    }

    [Fact]
    public async Task a_deactivated_session_comes_back_with_identical_state()
    {
        var session = NewSession(out var id);
        await session.Start(Caller.Local, "user-7");
        foreach (var text in (string[])["My name is Ada", "I live in São Paulo", "I like chess", "remember that I have a cat"])
            await session.SendMessage(Caller.Local, new UserMessage(text, Guid.NewGuid().ToString()));
        var before = (await session.GetSession(Caller.Local))!;

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = (await session.GetSession(Caller.Local))!;

        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.UserId, after.UserId);
        Assert.Equal(before.StartedAt, after.StartedAt);
        Assert.Equal(before.LastActivityAt, after.LastActivityAt);
        Assert.Equal(before.MessageCount, after.MessageCount);
        Assert.Equal(before.Context.Name, after.Context.Name);
        Assert.Equal(before.Context.Location, after.Context.Location);
        Assert.Equal(before.Context.Likes, after.Context.Likes);
        Assert.Equal(before.Context.Facts, after.Context.Facts);
        Assert.Equal(before.RecentTurns, after.RecentTurns);
    }

    [Fact]
    public async Task a_retry_with_the_same_message_id_returns_the_first_reply_and_appends_nothing()
    {
        var session = NewSession(out var id);
        var first = await session.SendMessage(Caller.Local, new UserMessage("my name is Grace", "retry-1"));
        var versionBefore = await TestDatabase.ScalarAsync<int>("SELECT max(version) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id));

        var retried = await session.SendMessage(Caller.Local, new UserMessage("my name is Grace", "retry-1"));
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var retriedAfterReactivation = await session.SendMessage(Caller.Local, new UserMessage("my name is Grace", "retry-1"));

        Assert.Equal(first, retried);
        Assert.Equal(first, retriedAfterReactivation);
        Assert.Equal(versionBefore, await TestDatabase.ScalarAsync<int>("SELECT max(version) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id)));
    }

    [Fact]
    public async Task a_snapshot_that_no_longer_reads_as_the_state_is_passed_over_for_a_replay_of_the_events()
    {
        var session = NewSession(out var id);
        await session.SendMessage(Caller.Local, new UserMessage("my name is Ada", Guid.NewGuid().ToString()));
        await session.SendMessage(Caller.Local, new UserMessage("I live in Lima", Guid.NewGuid().ToString()));
        await TestDatabase.ScalarAsync<int>(
            "INSERT INTO eventstore.snapshots (stream_id, version, state_type, state) VALUES ($1, 5, 'Old', '{\"version\": \"five\", \"context\": [1]}') RETURNING version",
            TestDatabase.StreamOf(id));
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var past = await session.GetStateAt(Caller.Local, 5);
        var now = await session.GetSession(Caller.Local);

        Assert.Equal(5, past!.Version);
        Assert.Equal("Ada", past.Context.Name);
        Assert.Null(past.Context.Location);
        Assert.Equal("Lima", now!.Context.Location);
        Assert.Equal(2, now.MessageCount);
    }

    [Fact]
    public async Task the_state_at_each_version_is_what_the_events_up_to_it_built()
    {
        var session = NewSession(out _);
        await session.Start(Caller.Local, "u1");
        await session.SendMessage(Caller.Local, new UserMessage("my name is Ada", Guid.NewGuid().ToString()));
        await session.SendMessage(Caller.Local, new UserMessage("call me Grace", Guid.NewGuid().ToString()));
        await session.SendMessage(Caller.Local, new UserMessage("forget my name", Guid.NewGuid().ToString()));

        // 1 SessionStarted; 2-4 message, name, reply; 5-7 message, name, reply; 8-10 message, forgotten, reply.
        string?[] expectedNames = [null, null, "Ada", "Ada", "Ada", "Grace", "Grace", "Grace", null, null];
        int[] expectedMessages = [0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
        int[] expectedTurns = [0, 1, 1, 2, 3, 3, 4, 5, 5, 6];
        for (var version = 1; version <= 10; version++)
        {
            var view = (await session.GetStateAt(Caller.Local, version))!;
            Assert.Equal(version, view.Version);
            Assert.Equal(expectedNames[version - 1], view.Context.Name);
            Assert.Equal(expectedMessages[version - 1], view.MessageCount);
            Assert.Equal(expectedTurns[version - 1], view.RecentTurns.Count);
        }

        Assert.Null(await session.GetStateAt(Caller.Local, 11));
        Assert.Null(await session.GetStateAt(Caller.Local, 0));
    }

    [Fact]
    public async Task a_session_of_ten_thousand_events_activates_from_its_snapshot()
    {
        var id = Guid.NewGuid();
        var stream = TestDatabase.StreamOf(id);
        await TestDatabase.FillConversationAsync(id, 10000);
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);

        // The first activation replays everything once and leaves a snapshot at the head of the stream.
        Assert.Equal(5000, (await session.GetSession(Caller.Local))!.MessageCount);
        Assert.Equal(10000, await TestDatabase.ScalarAsync<int>("SELECT max(version) FROM eventstore.snapshots WHERE stream_id = $1", stream));

        // A snapshot that disagrees with the events shows that the next activation starts from it.
        await TestDatabase.ScalarAsync<int>(
            "UPDATE eventstore.snapshots SET state = jsonb_set(state, '{userId}', '\"from-the-snapshot\"') WHERE stream_id = $1 RETURNING 0", stream);
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reactivated = (await session.GetSession(Caller.Local))!;

        Assert.Equal("from-the-snapshot", reactivated.UserId);
        Assert.Equal(5000, reactivated.MessageCount);
        Assert.Equal(10000, reactivated.Version);
        Assert.Equal(20, reactivated.RecentTurns.Count);
        Assert.Equal("message 10000", reactivated.RecentTurns[^1].Text);
    }

    [Fact]
    public async Task a_message_without_an_id_is_rejected_because_ids_are_made_before_the_grain()
    {
        var session = NewSession(out var id);

        var rejected = await Assert.ThrowsAsync<MessageRejectedException>(() => session.SendMessage(Caller.Local, new UserMessage("hello", null!)));

        Assert.Equal("messageId", rejected.Field);
        Assert.Equal("", await TestDatabase.EventTypesAsync(id));
    }

    [Theory]
    [InlineData("", null, "text", RejectionReason.Invalid)]
    [InlineData("   ", null, "text", RejectionReason.Invalid)]
    [InlineData("hello", "", "messageId", RejectionReason.Invalid)]
    [InlineData("hello", "129", "messageId", RejectionReason.Invalid)]
    [InlineData("8001", null, "text", RejectionReason.TooLong)]
    public async Task invalid_messages_are_rejected_and_store_nothing(string text, string? messageId, string field, RejectionReason reason)
    {
        var session = NewSession(out var id);
        text = text == "8001" ? new string('x', 8001) : text;
        messageId = messageId == "129" ? new string('m', 129) : messageId;

        var rejected = await Assert.ThrowsAsync<MessageRejectedException>(() => session.SendMessage(Caller.Local, new UserMessage(text, messageId ?? Guid.NewGuid().ToString())));

        Assert.Equal(field, rejected.Field);
        Assert.Equal(reason, rejected.Reason);
        Assert.Equal("", await TestDatabase.EventTypesAsync(id));
        Assert.Null(await session.GetSession(Caller.Local));
    }

    [Fact]
    public async Task the_event_log_pages_through_contiguous_versions()
    {
        var session = NewSession(out _);
        for (var i = 0; i < 4; i++)
            await session.SendMessage(Caller.Local, new UserMessage($"message {i}", Guid.NewGuid().ToString()));

        var first = (await session.GetEvents(Caller.Local, 1, 5))!;
        var rest = (await session.GetEvents(Caller.Local, first.Next!.Value, 100))!;

        Assert.Equal([1, 2, 3, 4, 5], first.Events.Select(e => e.Version));
        Assert.Equal(6, first.Next);
        Assert.Equal([6, 7, 8, 9], rest.Events.Select(e => e.Version));
        Assert.Null(rest.Next);
        Assert.Equal("SessionStarted", first.Events[0].Type);
        Assert.Equal("message 0", System.Text.Json.Nodes.JsonNode.Parse(first.Events[1].Data)!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_retry_is_recognised_after_a_full_window_of_other_messages()
    {
        var session = NewSession(out _);
        for (var i = 0; i < ConversationState.IdempotencyWindow + 3; i++)
            await session.SendMessage(Caller.Local, new UserMessage($"message {i}", $"id-{i}"));

        var latest = await session.SendMessage(Caller.Local, new UserMessage("again", $"id-{ConversationState.IdempotencyWindow + 2}"));

        Assert.Equal((ConversationState.IdempotencyWindow + 3) * 2 + 1, latest.Version);
    }

    [Fact]
    public async Task a_retry_long_after_its_message_left_the_recent_window_gets_the_first_reply_also_after_reactivation_from_any_snapshot()
    {
        var session = NewSession(out var id);
        var first = new List<MessageReply>();
        for (var i = 0; i < ConversationState.IdempotencyWindow * 2; i++)
            first.Add(await session.SendMessage(Caller.Local, new UserMessage($"I like thing {i}", $"id-{i}")));

        Assert.Equal(first[0], await session.SendMessage(Caller.Local, new UserMessage("I like thing 0", "id-0")));
        Assert.Equal(first[3], (await session.ReadTurn(Caller.Local, "id-3", 0, TimeSpan.FromSeconds(5)))![^1].Reply);
        Assert.False(await session.CancelTurn(Caller.Local, "id-3"));

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(first[1], await session.SendMessage(Caller.Local, new UserMessage("I like thing 1", "id-1")));

        // A snapshot from before the digests of earlier message ids were kept: the session is rebuilt from its events.
        Assert.True(await TestDatabase.ScalarAsync<long>(
            "WITH old AS (UPDATE eventstore.snapshots SET state = state - 'earlierMessageDigests' WHERE stream_id = $1 RETURNING 1) SELECT count(*) FROM old",
            TestDatabase.StreamOf(id)) > 0);
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(first[2], await session.SendMessage(Caller.Local, new UserMessage("I like thing 2", "id-2")));

        Assert.Equal(first[^1].Version, (await session.GetSession(Caller.Local))!.Version);
        Assert.Equal(first.Count, await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE stream_id = $1 AND event_type = 'UserMessageReceived'", TestDatabase.StreamOf(id)));
    }

    [Fact]
    public async Task forgetting_a_name_forgets_the_fact_that_told_it_in_the_log_too()
    {
        var session = NewSession(out var id);
        await session.SendMessage(Caller.Local, new UserMessage("remember that my name is Ada", Guid.NewGuid().ToString()));
        await session.SendMessage(Caller.Local, new UserMessage("remember that my sister is called Eve", Guid.NewGuid().ToString()));
        await session.SendMessage(Caller.Local, new UserMessage("forget my name", Guid.NewGuid().ToString()));

        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE stream_id = $1 AND event_type = 'ContextItemForgotten' AND data->>'key' = 'facts' AND data->>'value' = 'my name is Ada'",
            TestDatabase.StreamOf(id)));
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var context = (await session.GetSession(Caller.Local))!.Context;
        Assert.Null(context.Name);
        Assert.Equal(["my sister is called Eve"], context.Facts);
    }

    [Fact]
    public async Task message_ids_of_every_shape_are_told_apart_and_recognised_after_a_snapshot_and_reactivation()
    {
        var session = NewSession(out var id);
        var guid = Guid.NewGuid();
        string[] ids = [guid.ToString(), guid.ToString().ToUpperInvariant(), guid.ToString("N"), $"{{{guid}}}", "a", "ünïcødé 🧵 id", new string('x', 128), Guid.Empty.ToString()];
        for (var i = 0; i < 50; i++)
            await session.SendMessage(Caller.Local, new UserMessage($"filler {i}", Guid.NewGuid().ToString()));
        var replies = new List<MessageReply>();
        foreach (var messageId in ids)
            replies.Add(await session.SendMessage(Caller.Local, new UserMessage($"the message with id {messageId}", messageId)));
        Assert.Equal(ids.Length, replies.Select(r => r.Version).Distinct().Count());
        Assert.NotNull(await TestDatabase.ScalarAsync<int?>("SELECT max(version) FROM eventstore.snapshots WHERE stream_id = $1", TestDatabase.StreamOf(id)));

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        foreach (var (messageId, reply) in ids.Zip(replies))
            Assert.Equal(reply, await session.SendMessage(Caller.Local, new UserMessage($"the message with id {messageId}", messageId)));

        Assert.Equal(replies[^1].Version, (await session.GetSession(Caller.Local))!.Version);
    }

    [Fact]
    public async Task a_turn_sent_for_its_events_answers_with_all_of_them_and_a_retry_with_the_same_ones()
    {
        var session = NewSession(out var id);
        var events = await session.SendMessageForEvents(Caller.Local, new UserMessage("my name is Ada and I like chess", "events-1"));

        Assert.Equal(Enumerable.Range(1, events.Length), events.Select(e => e.Sequence));
        Assert.Equal(TurnEventKind.Started, events[0].Kind);
        var deltas = events.Where(e => e.Kind == TurnEventKind.Delta).Select(e => e.Text).ToList();
        Assert.True(deltas.Count > 1, "the embedded engine's reply came in several deltas");
        Assert.Equal(TurnEventKind.Completed, events[^1].Kind);
        Assert.Equal(string.Concat(deltas), events[^1].Reply!.Reply);
        Assert.Equal((await session.GetSession(Caller.Local))!.Version, events[^1].Reply!.Version);

        var retried = await session.SendMessageForEvents(Caller.Local, new UserMessage("my name is Ada and I like chess", "events-1"));
        Assert.Equal(events.Select(e => (e.Sequence, e.Kind, e.Text, e.Reply)), retried.Select(e => (e.Sequence, e.Kind, e.Text, e.Reply)));
        Assert.Equal(events[^1].Reply!.Version, (await session.GetSession(Caller.Local))!.Version);
        Assert.Null(await Record.ExceptionAsync(() => session.SendMessageForEvents(Caller.Local, new UserMessage("and now?", Guid.NewGuid().ToString()))));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.SendMessageForEvents(new Caller("other", "user", false), new UserMessage("mine now", Guid.NewGuid().ToString())));
    }
}
