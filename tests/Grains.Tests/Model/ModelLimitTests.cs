using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Tests.Fakes;

namespace Orleans.Conversations.Grains.Tests.Model;

/// <summary>What a model may put in a session and in front of a client: a reply of bounded size, and no error text of its own.</summary>
[Collection(ModelClusterCollection.Name)]
public sealed class ModelLimitTests(ModelClusterFixture fixture)
{
    private FakeChatServer Model => fixture.Model;

    [Fact]
    public async Task a_reply_longer_than_the_output_cap_is_cut_and_its_turn_completes_with_what_was_streamed()
    {
        var id = Guid.NewGuid();
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);
        var endless = string.Join(' ', Enumerable.Range(0, 600).Select(i => $"word{i}"));
        Model.Reply = endless;
        try
        {
            var reply = await session.SendMessage(Caller.Local, new UserMessage("talk for ever", "long-1"));
            var events = await session.ReadTurn(Caller.Local, "long-1", 0, TimeSpan.Zero);

            Assert.Equal(ModelClusterFixture.MaxOutputTokens, Model.Requests[^1]["max_tokens"]?.GetValue<int>());
            Assert.InRange(reply.Reply.Length, 1, ModelClusterFixture.MaxOutputTokens * Engine.Model.ModelOptions.MaxCharactersPerToken);
            Assert.StartsWith(reply.Reply, endless, StringComparison.Ordinal);
            Assert.Equal(TurnEventKind.Completed, events![^1].Kind);
            Assert.Equal(reply.Reply, string.Concat(events.Where(e => e.Kind == TurnEventKind.Delta).Select(e => e.Text)));
            Assert.Equal(reply.Reply, await TestDatabase.ScalarAsync<string>(
                "SELECT data->>'text' FROM eventstore.events WHERE stream_id = $1 AND event_type = 'AssistantReplied'", TestDatabase.StreamOf(id)));
        }
        finally
        {
            Model.Reply = "A reply from the model.";
        }
    }

    [Fact]
    public async Task a_failing_model_s_own_error_text_is_neither_stored_nor_shown_to_the_client()
    {
        var id = Guid.NewGuid();
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);
        Model.Reply = null;
        try
        {
            var failure = await Assert.ThrowsAsync<ReplyUnavailableException>(() => session.SendMessage(Caller.Local, new UserMessage("hello", "fail-1")));
            var events = await session.SendMessageForEvents(Caller.Local, new UserMessage("hello again", "fail-2"));
            var reasons = await TestDatabase.ScalarAsync<string>(
                "SELECT string_agg(data->>'reason', '|' ORDER BY version) FROM eventstore.events WHERE stream_id = $1 AND event_type = 'ReplyFailed'",
                TestDatabase.StreamOf(id));

            Assert.Equal("The model failed to answer|The model failed to answer", reasons);
            Assert.StartsWith("The model failed to answer", failure.Message, StringComparison.Ordinal);
            Assert.Equal(TurnEventKind.Failed, events[^1].Kind);
            foreach (var shown in (string[])[failure.Message, events[^1].Error!, reasons])
            {
                Assert.DoesNotContain("fake model is down", shown, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(Model.Endpoint.Authority, shown, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("500", shown, StringComparison.Ordinal);
            }
        }
        finally
        {
            Model.Reply = "A reply from the model.";
        }
    }
}
