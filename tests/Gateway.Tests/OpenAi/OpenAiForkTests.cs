using System.Text.Json.Nodes;
using OpenAI.Chat;

namespace Orleans.Conversations.Gateway.Tests.OpenAi;

[Collection(ServiceCollection.Name)]
public sealed class OpenAiForkTests(ServiceFixture service)
{
    private Uri Gateway => service.Http.BaseAddress!;

    [Fact]
    public async Task a_history_edited_by_the_client_goes_to_a_fork_made_at_the_first_difference_and_the_session_is_untouched()
    {
        var headers = new SessionHeaderPolicy { SessionId = Guid.NewGuid() };
        var original = headers.SessionId.Value;
        var chat = OpenAiClients.Chat(Gateway, "anything-in-open-mode", headers);
        var first = new UserChatMessage("My name is Ada");

        ChatCompletion answer = await chat.CompleteChatAsync(first);
        await chat.CompleteChatAsync(first, new AssistantChatMessage(answer), new UserChatMessage("I live in Lisbon"));
        Assert.Equal(original.ToString(), headers.AnsweredSessionId);
        var before = await TestDatabase.EventTypesAsync(original);
        var secondMessageVersion = await TestDatabase.ScalarAsync<int>(
            "SELECT max(version) FROM eventstore.events WHERE stream_id = $1 AND event_type = 'UserMessageReceived'", TestDatabase.StreamOf(original));

        ChatCompletion edited = await chat.CompleteChatAsync(first, new AssistantChatMessage(answer), new UserChatMessage("I live in Porto"));

        var fork = Guid.Parse(headers.AnsweredSessionId!);
        Assert.NotEqual(original, fork);
        Assert.Equal(before, await TestDatabase.EventTypesAsync(original));
        var state = JsonNode.Parse(await service.Http.GetStringAsync($"/api/sessions/{fork}"))!;
        Assert.Equal(original, state["forkedFrom"]!["sessionId"]!.GetValue<Guid>());
        Assert.Equal(secondMessageVersion - 1, state["forkedFrom"]!["version"]!.GetValue<int>());
        Assert.Equal(
            ["user: My name is Ada", $"assistant: {answer.Content.Single().Text}", "user: I live in Porto", $"assistant: {edited.Content.Single().Text}"],
            state["recentTurns"]!.AsArray().Select(t => $"{t!["role"]}: {t["text"]}"));

        headers.SessionId = fork;
        await chat.CompleteChatAsync(first, new AssistantChatMessage(answer), new UserChatMessage("I live in Porto"), new AssistantChatMessage(edited), new UserChatMessage("I like tea"));
        Assert.Equal(fork.ToString(), headers.AnsweredSessionId);
        Assert.Equal(3, JsonNode.Parse(await service.Http.GetStringAsync($"/api/sessions/{fork}"))!["messageCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task a_request_with_no_earlier_messages_continues_the_session_that_holds_the_history()
    {
        var headers = new SessionHeaderPolicy { SessionId = Guid.NewGuid() };
        var original = headers.SessionId.Value;
        var chat = OpenAiClients.Chat(Gateway, "anything-in-open-mode", headers);
        await chat.CompleteChatAsync(new UserChatMessage("My name is Ada"));

        ChatCompletion answer = await chat.CompleteChatAsync(new UserChatMessage("How many messages have I sent?"));

        Assert.Equal(original.ToString(), headers.AnsweredSessionId);
        Assert.Contains("sent 1 message", answer.Content.Single().Text, StringComparison.Ordinal);
        Assert.DoesNotContain("SessionForked", await TestDatabase.EventTypesAsync(original), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_changed_reply_in_the_history_forks_just_before_that_reply_and_a_retry_with_the_same_key_finds_the_same_fork()
    {
        var headers = new SessionHeaderPolicy { SessionId = Guid.NewGuid() };
        var original = headers.SessionId.Value;
        var chat = OpenAiClients.Chat(Gateway, "anything-in-open-mode", headers);
        var first = new UserChatMessage("I like tea");
        await chat.CompleteChatAsync(first);
        var replyVersion = await TestDatabase.ScalarAsync<int>(
            "SELECT version FROM eventstore.events WHERE stream_id = $1 AND event_type = 'AssistantReplied'", TestDatabase.StreamOf(original));

        headers.IdempotencyKey = "fork-by-history";
        ChatMessage[] messages = [first, new AssistantChatMessage("Something else entirely"), new UserChatMessage("I like coffee too")];
        ChatCompletion forked = await chat.CompleteChatAsync(messages);
        var fork = headers.AnsweredSessionId!;
        ChatCompletion retried = await chat.CompleteChatAsync(messages);

        Assert.NotEqual(original.ToString(), fork);
        Assert.Equal(fork, headers.AnsweredSessionId);
        Assert.Equal(forked.Content.Single().Text, retried.Content.Single().Text);
        var state = JsonNode.Parse(await service.Http.GetStringAsync($"/api/sessions/{fork}"))!;
        Assert.Equal(replyVersion - 1, state["forkedFrom"]!["version"]!.GetValue<int>());
        Assert.Equal(["user", "user", "assistant"], state["recentTurns"]!.AsArray().Select(t => t!["role"]!.GetValue<string>()));
        Assert.Equal("SessionForked,UserMessageReceived,ContextUpdated,AssistantReplied", await TestDatabase.EventTypesAsync(Guid.Parse(fork)));
    }

    [Fact]
    public async Task a_streamed_completion_with_an_edited_history_streams_from_the_fork_it_names()
    {
        var headers = new SessionHeaderPolicy { SessionId = Guid.NewGuid() };
        var original = headers.SessionId.Value;
        var chat = OpenAiClients.Chat(Gateway, "anything-in-open-mode", headers);
        var first = new UserChatMessage("My name is Ada");
        ChatCompletion answer = await chat.CompleteChatAsync(first);
        await chat.CompleteChatAsync(first, new AssistantChatMessage(answer), new UserChatMessage("I like tea"));

        var text = new System.Text.StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync(first, new AssistantChatMessage(answer), new UserChatMessage("I like coffee")))
        {
            foreach (var part in update.ContentUpdate)
                text.Append(part.Text);
        }

        var fork = headers.AnsweredSessionId!;
        Assert.NotEqual(original.ToString(), fork);
        Assert.Equal(await OpenAiClients.StoredReplyAsync(service.Http, fork), text.ToString());
        Assert.Equal("SessionForked,UserMessageReceived,ContextUpdated,AssistantReplied", await TestDatabase.EventTypesAsync(Guid.Parse(fork)));
    }
}
