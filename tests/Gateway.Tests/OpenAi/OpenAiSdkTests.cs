using System.ClientModel;
using System.Text;
using OpenAI.Chat;

namespace Orleans.Conversations.Gateway.Tests.OpenAi;

[Collection(ServiceCollection.Name)]
public sealed class OpenAiSdkTests(ServiceFixture service)
{
    private Uri Gateway => service.Http.BaseAddress!;

    [Fact]
    public async Task the_sdk_gets_a_chat_completion_with_the_stored_reply_in_a_new_session()
    {
        var headers = new SessionHeaderPolicy();
        var chat = OpenAiClients.Chat(Gateway, "anything-in-open-mode", headers);

        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage("Hi, my name is Ada"));

        Assert.NotNull(headers.AnsweredSessionId);
        Assert.Equal(await OpenAiClients.StoredReplyAsync(service.Http, headers.AnsweredSessionId), completion.Content.Single().Text);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal("embedded", completion.Model);
        Assert.StartsWith("chatcmpl-", completion.Id);
        Assert.True(completion.Usage.OutputTokenCount > 0);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task a_streamed_completion_arrives_in_several_deltas_that_concatenate_to_the_stored_reply_then_its_usage()
    {
        var headers = new SessionHeaderPolicy { SessionId = Guid.NewGuid() };
        var chat = OpenAiClients.Chat(Gateway, "anything-in-open-mode", headers);

        var text = new StringBuilder();
        var deltas = 0;
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync(new UserChatMessage("Hi, my name is Ada and I live in Lisbon")))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
                deltas++;
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.True(deltas > 1, $"{deltas} delta(s)");
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.True(usage?.OutputTokenCount > 0, "the SDK asks for the usage, and gets it last");
        Assert.Equal(headers.SessionId.ToString(), headers.AnsweredSessionId);
        Assert.Equal(await OpenAiClients.StoredReplyAsync(service.Http, headers.AnsweredSessionId!), text.ToString());
    }

    [Fact]
    public async Task a_second_call_naming_the_session_continues_it_and_the_resent_messages_are_not_stored_again()
    {
        var headers = new SessionHeaderPolicy { SessionId = Guid.NewGuid() };
        var chat = OpenAiClients.Chat(Gateway, "anything-in-open-mode", headers);
        var system = new SystemChatMessage("You are helpful.");
        var first = new UserChatMessage("Hi, my name is Ada");

        ChatCompletion answer = await chat.CompleteChatAsync(system, first);
        ChatCompletion second = await chat.CompleteChatAsync(system, first, new AssistantChatMessage(answer), new UserChatMessage("what is my name?"));

        Assert.Contains("Ada", second.Content.Single().Text);
        var events = (await TestDatabase.EventTypesAsync(headers.SessionId.Value)).Split(',');
        Assert.Equal(2, events.Count(e => e == "UserMessageReceived"));
        Assert.Equal(2, events.Count(e => e == "AssistantReplied"));
    }

    [Fact]
    public async Task the_same_idempotency_key_twice_makes_one_turn_and_the_same_answer()
    {
        var headers = new SessionHeaderPolicy { SessionId = Guid.NewGuid(), IdempotencyKey = "openai-key-1" };
        var chat = OpenAiClients.Chat(Gateway, "anything-in-open-mode", headers);

        ChatCompletion first = await chat.CompleteChatAsync(new UserChatMessage("I like tea"));
        ChatCompletion retry = await chat.CompleteChatAsync(new UserChatMessage("I like tea"));

        Assert.Equal(first.Id, retry.Id);
        Assert.Equal(first.Content.Single().Text, retry.Content.Single().Text);
        Assert.Equal("SessionStarted,UserMessageReceived,ContextUpdated,AssistantReplied", await TestDatabase.EventTypesAsync(headers.SessionId.Value));
    }

    [Fact]
    public async Task a_streamed_retry_with_the_same_idempotency_key_streams_the_same_reply_and_stores_one_turn()
    {
        var headers = new SessionHeaderPolicy { SessionId = Guid.NewGuid(), IdempotencyKey = "openai-stream-1" };
        var chat = OpenAiClients.Chat(Gateway, "anything-in-open-mode", headers);

        var first = await StreamedTextAsync(chat, "I live in Lisbon and I like tea");
        var retry = await StreamedTextAsync(chat, "I live in Lisbon and I like tea");

        Assert.Equal(first, retry);
        Assert.Equal(await OpenAiClients.StoredReplyAsync(service.Http, headers.SessionId.ToString()!), first);
        Assert.Single((await TestDatabase.EventTypesAsync(headers.SessionId.Value)).Split(','), e => e == "UserMessageReceived");
    }

    [Fact]
    public async Task the_sdk_lists_the_embedded_model()
    {
        var models = await OpenAiClients.Models(Gateway, "anything-in-open-mode").GetModelsAsync();

        Assert.Equal("embedded", Assert.Single(models.Value).Id);
        Assert.Equal("orleans-conversations", models.Value[0].OwnedBy);
    }

    [Fact]
    public async Task one_of_our_api_keys_is_the_sdk_api_key_on_a_gateway_that_requires_credentials()
    {
        var chat = OpenAiClients.Chat(service.Secured.Address, await service.NewKeyAsync("acme", "sdk-user"));

        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage("I like chess"));

        Assert.False(string.IsNullOrWhiteSpace(completion.Content.Single().Text));
    }

    [Fact]
    public async Task a_bad_key_fails_in_the_sdk_with_401_and_openais_error_message()
    {
        var chat = OpenAiClients.Chat(service.Secured.Address, "ock_not-a-key");

        var failure = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync(new UserChatMessage("hi")));

        Assert.Equal(401, failure.Status);
        var body = failure.GetRawResponse()!.Content.ToString();
        Assert.Contains("\"authentication_error\"", body);
        Assert.Contains("invalid_api_key", body);
    }

    private static async Task<string> StreamedTextAsync(ChatClient chat, string message)
    {
        var text = new StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync(new UserChatMessage(message)))
        {
            foreach (var part in update.ContentUpdate)
                text.Append(part.Text);
        }

        return text.ToString();
    }
}
