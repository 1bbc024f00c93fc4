using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.Forks;

[Collection(ServiceCollection.Name)]
public sealed class EditAndRegenerateTests(ServiceFixture service)
{
    private HttpClient Http => service.Http;

    [Fact]
    public async Task an_edit_forks_just_before_the_message_and_answers_the_new_text_there()
    {
        var parent = await Http.TemporaryConversationAsync("My name is Ada", "I live in Lisbon");
        var edited = await Http.MessageIdAsync(parent, 1);
        var editedVersion = await VersionOfAsync(parent, "UserMessageReceived", "messageId", edited);

        var answer = await Http.PostOkAsync($"/api/sessions/{parent}/messages/{edited}/edit", new { text = "I live in Porto", messageId = "edit-1" });
        var forkId = answer["sessionId"]!.GetValue<Guid>();

        Assert.NotEqual(parent, forkId);
        Assert.Equal("edit-1", answer["messageId"]!.GetValue<string>());
        Assert.Contains("Porto", answer["reply"]!.GetValue<string>());
        Assert.Equal(new JsonObject { ["sessionId"] = parent, ["version"] = editedVersion - 1 }.ToJsonString(), answer["forkedFrom"]!.ToJsonString());
        Assert.Equal("SessionForked,UserMessageReceived,ContextUpdated,AssistantReplied", await TestDatabase.EventTypesAsync(forkId));
        Assert.Equal(4, answer["version"]!.GetValue<int>());
        var state = await Http.StateAsync(forkId);
        Assert.Equal("Ada", state["context"]!["name"]!.GetValue<string>());
        Assert.Equal("Porto", state["context"]!["location"]!.GetValue<string>());
        Assert.Equal(["My name is Ada", "I live in Porto"], state["recentTurns"]!.AsArray().Where(t => t!["role"]!.GetValue<string>() == "user").Select(t => t!["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task an_edit_sent_again_with_its_message_id_returns_the_same_fork_and_reply_and_stores_one_turn()
    {
        var parent = await Http.TemporaryConversationAsync("My name is Ada", "I like tea");
        var path = $"/api/sessions/{parent}/messages/{await Http.MessageIdAsync(parent, 1)}/edit";

        var first = await Http.PostOkAsync(path, new { text = "I like coffee", messageId = "edit-again" });
        var retry = await Http.PostOkAsync(path, new { text = "I like coffee", messageId = "edit-again" });
        using var byHeader = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { text = "I like coffee" }) };
        byHeader.Headers.Add("Idempotency-Key", "edit-again");
        using var headerAnswer = await Http.SendAsync(byHeader);

        Assert.Equal(first.ToJsonString(), retry.ToJsonString());
        Assert.Equal(first.ToJsonString(), JsonNode.Parse(await headerAnswer.Content.ReadAsStringAsync())!.ToJsonString());
        Assert.Equal("SessionForked,UserMessageReceived,ContextUpdated,AssistantReplied",
            await TestDatabase.EventTypesAsync(first["sessionId"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task a_regeneration_forks_just_before_the_reply_and_answers_the_same_message_again()
    {
        var parent = await Http.TemporaryConversationAsync("My name is Ada", "What is my name?");
        var asked = await Http.MessageIdAsync(parent, 1);
        var replyVersion = await VersionOfAsync(parent, "AssistantReplied", "inReplyTo", asked);

        var answer = await Http.PostOkAsync($"/api/sessions/{parent}/messages/{asked}/regenerate", new { messageId = "regen-1" });
        var forkId = answer["sessionId"]!.GetValue<Guid>();

        Assert.Equal("regen-1", answer["messageId"]!.GetValue<string>());
        Assert.Contains("Ada", answer["reply"]!.GetValue<string>());
        Assert.Equal(replyVersion - 1, answer["forkedFrom"]!["version"]!.GetValue<int>());
        Assert.Equal(2, answer["version"]!.GetValue<int>());
        var events = await Http.EventsAsync(forkId);
        Assert.Equal(["SessionForked", "AssistantReplied"], events.Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal(asked, events[1]!["data"]!["inReplyTo"]!.GetValue<string>());
        var state = await Http.StateAsync(forkId);
        Assert.Equal(2, state["messageCount"]!.GetValue<int>());
        Assert.Equal(4, state["recentTurns"]!.AsArray().Count);
    }

    [Fact]
    public async Task a_regeneration_sent_again_with_its_message_id_returns_the_same_fork_and_reply_and_one_without_makes_another_fork()
    {
        var parent = await Http.TemporaryConversationAsync("I like tea");
        var path = $"/api/sessions/{parent}/messages/{await Http.MessageIdAsync(parent, 0)}/regenerate";

        var first = await Http.PostOkAsync(path, new { messageId = "regen-again" });
        var retry = await Http.PostOkAsync(path, new { messageId = "regen-again" });
        var other = await Http.PostOkAsync(path, null);

        Assert.Equal(first.ToJsonString(), retry.ToJsonString());
        Assert.Equal("SessionForked,AssistantReplied", await TestDatabase.EventTypesAsync(first["sessionId"]!.GetValue<Guid>()));
        Assert.NotEqual(first["sessionId"]!.GetValue<Guid>(), other["sessionId"]!.GetValue<Guid>());
        Assert.NotEqual("regen-again", other["messageId"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_edit_streams_its_turn_like_a_message_and_a_streamed_retry_replays_it()
    {
        var parent = await Http.TemporaryConversationAsync("My name is Ada", "I live in Lisbon");
        var path = $"/api/sessions/{parent}/messages/{await Http.MessageIdAsync(parent, 1)}/edit";

        var events = await Http.PostStreamAsync(path, new { text = "I live in São Paulo and I like long walks", messageId = "edit-stream" });
        var again = await Http.PostStreamAsync(path, new { text = "I live in São Paulo and I like long walks", messageId = "edit-stream" });

        Assert.Equal("turn.started", events[0].Type);
        Assert.Equal("turn.completed", events[^1].Type);
        Assert.True(events.Count > 3, "a reply of several words comes in several deltas");
        var forkId = events[0].Data["sessionId"]!.GetValue<Guid>();
        Assert.NotEqual(parent, forkId);
        var reply = events[^1].Data["reply"]!.GetValue<string>();
        Assert.Equal(reply, string.Concat(events[1..^1].Select(e => e.Data["text"]!.GetValue<string>())));
        Assert.Equal("edit-stream", events[^1].Data["messageId"]!.GetValue<string>());
        Assert.Equal(forkId, events[^1].Data["sessionId"]!.GetValue<Guid>());
        Assert.Equal(events.Select(e => e.Data.ToJsonString()), again.Select(e => e.Data.ToJsonString()));
        Assert.Equal(reply, OpenAnswer(await Http.StateAsync(forkId)));
        Assert.Equal(1, (await TestDatabase.EventTypesAsync(forkId)).Split(',').Count(t => t == "UserMessageReceived"));
    }

    [Fact]
    public async Task a_regeneration_streams_its_reply_under_the_requests_message_id_and_resumes_under_it()
    {
        var parent = await Http.TemporaryConversationAsync("My name is Ada and I live in Lisbon");
        var path = $"/api/sessions/{parent}/messages/{await Http.MessageIdAsync(parent, 0)}/regenerate";

        var events = await Http.PostStreamAsync(path, new { messageId = "regen-stream" });

        Assert.Equal("turn.started", events[0].Type);
        Assert.Equal("regen-stream", events[0].Data["messageId"]!.GetValue<string>());
        Assert.Equal("turn.completed", events[^1].Type);
        var forkId = events[^1].Data["sessionId"]!.GetValue<Guid>();
        Assert.Equal("SessionForked,AssistantReplied", await TestDatabase.EventTypesAsync(forkId));
        Assert.Equal(events[^1].Data["reply"]!.GetValue<string>(), OpenAnswer(await Http.StateAsync(forkId)));
        using var resume = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{forkId}/messages/regen-stream/stream");
        resume.Headers.Add("Last-Event-ID", "1");
        using var resumed = await Http.SendAsync(resume);
        var rest = await resumed.Content.ReadAsStringAsync();
        Assert.True(resumed.IsSuccessStatusCode, rest);
        Assert.Contains("event: turn.completed", rest);
        Assert.Contains("\"messageId\":\"regen-stream\"", rest);
        Assert.DoesNotContain("event: turn.started", rest);
    }

    private static string OpenAnswer(JsonObject state) =>
        state["recentTurns"]!.AsArray().Last(t => t!["role"]!.GetValue<string>() == "assistant")!["text"]!.GetValue<string>();

    private static Task<int> VersionOfAsync(Guid sessionId, string type, string field, string value) => TestDatabase.ScalarAsync<int>(
        "SELECT version FROM eventstore.events WHERE stream_id = $1 AND event_type = $2 AND data->>$3 = $4",
        TestDatabase.StreamOf(sessionId), type, field, value);
}
