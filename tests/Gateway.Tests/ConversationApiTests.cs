using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests;

[Collection(ServiceCollection.Name)]
public sealed class ConversationApiTests(ServiceFixture service)
{
    private HttpClient Http => service.Http;

    [Fact]
    public async Task creating_a_session_answers_201_with_its_location_and_version_1()
    {
        using var response = await Http.PostAsJsonAsync("/api/sessions", new { userId = "user-42" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var sessionId = body["sessionId"]!.GetValue<string>();
        Assert.Equal(sessionId.ToLowerInvariant(), sessionId);
        Assert.Equal(1, body["version"]!.GetValue<int>());
        Assert.Equal($"/api/sessions/{sessionId}", response.Headers.Location!.OriginalString);

        var session = JsonNode.Parse(await Http.GetStringAsync(response.Headers.Location))!;
        Assert.Equal("user-42", session["userId"]!.GetValue<string>());
        Assert.Equal(0, session["messageCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task creating_a_session_needs_no_body()
    {
        using var response = await Http.PostAsync("/api/sessions", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task a_conversation_over_http_remembers_the_user_and_shows_it_in_the_session()
    {
        var sessionId = Guid.NewGuid();

        var first = await service.SendAsync(sessionId, "Hi, my name is Ada");
        var second = await service.SendAsync(sessionId, "what is my name?");

        Assert.Equal(sessionId.ToString(), first["sessionId"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(first["messageId"]!.GetValue<string>()));
        Assert.Contains("Ada", second["reply"]!.GetValue<string>());
        Assert.True(second["version"]!.GetValue<int>() > first["version"]!.GetValue<int>());

        var session = JsonNode.Parse(await Http.GetStringAsync($"/api/sessions/{sessionId.ToString().ToUpperInvariant()}"))!;
        Assert.Equal(sessionId.ToString(), session["sessionId"]!.GetValue<string>());
        Assert.Equal("Ada", session["context"]!["name"]!.GetValue<string>());
        Assert.Equal(2, session["messageCount"]!.GetValue<int>());
        Assert.Equal(second["version"]!.GetValue<int>(), session["version"]!.GetValue<int>());
        var turns = session["recentTurns"]!.AsArray();
        Assert.Equal(["user", "assistant", "user", "assistant"], turns.Select(t => t!["role"]!.GetValue<string>()));
        Assert.EndsWith("Z", session["startedAt"]!.GetValue<string>());
        Assert.True(DateTime.Parse(session["lastActivityAt"]!.GetValue<string>()) >= DateTime.Parse(session["startedAt"]!.GetValue<string>()));
    }

    [Fact]
    public async Task a_retried_message_id_returns_the_first_reply_and_appends_nothing()
    {
        var sessionId = Guid.NewGuid();
        var first = await service.SendAsync(sessionId, "I like tea", "client-1");

        var again = await service.SendAsync(sessionId, "I like tea", "client-1");

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        var events = JsonNode.Parse(await Http.GetStringAsync($"/api/sessions/{sessionId}/events"))!["events"]!.AsArray();
        Assert.Single(events, e => e!["type"]!.GetValue<string>() == "UserMessageReceived");
    }

    [Fact]
    public async Task the_event_log_lists_contiguous_versions_with_stable_types_and_fields()
    {
        var sessionId = Guid.NewGuid();
        await service.SendAsync(sessionId, "my name is Grace", "m-1");
        await service.SendAsync(sessionId, "hello", "m-2");

        var page = JsonNode.Parse(await Http.GetStringAsync($"/api/sessions/{sessionId}/events?from=1&limit=3"))!;
        var rest = JsonNode.Parse(await Http.GetStringAsync($"/api/sessions/{sessionId}/events?from={page["next"]}"))!;

        var events = page["events"]!.AsArray().Concat(rest["events"]!.AsArray()).ToList();
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e!["version"]!.GetValue<int>()));
        Assert.Equal(4, page["next"]!.GetValue<int>());
        Assert.Null(rest["next"]);
        Assert.Equal("SessionStarted", events[0]!["type"]!.GetValue<string>());
        var message = events.First(e => e!["type"]!.GetValue<string>() == "UserMessageReceived")!;
        Assert.Equal("my name is Grace", message["data"]!["text"]!.GetValue<string>());
        Assert.Equal("m-1", message["data"]!["messageId"]!.GetValue<string>());
        var context = events.First(e => e!["type"]!.GetValue<string>() == "ContextUpdated")!;
        Assert.Equal("name", context["data"]!["key"]!.GetValue<string>());
        Assert.Equal("Grace", context["data"]!["value"]!.GetValue<string>());
        var reply = events.Last(e => e!["type"]!.GetValue<string>() == "AssistantReplied")!;
        Assert.Equal("m-2", reply["data"]!["inReplyTo"]!.GetValue<string>());
        Assert.EndsWith("Z", reply["at"]!.GetValue<string>());
    }

    [Fact]
    public async Task time_travel_returns_the_state_right_after_event_n()
    {
        var sessionId = Guid.NewGuid();
        await service.SendAsync(sessionId, "my name is Ada");
        await service.SendAsync(sessionId, "call me Grace");

        var afterFirstName = JsonNode.Parse(await Http.GetStringAsync($"/api/sessions/{sessionId}/state?version=3"))!;
        var atStart = JsonNode.Parse(await Http.GetStringAsync($"/api/sessions/{sessionId}/state?version=1"))!;
        var now = JsonNode.Parse(await Http.GetStringAsync($"/api/sessions/{sessionId}"))!;

        Assert.Equal(3, afterFirstName["version"]!.GetValue<int>());
        Assert.Equal("Ada", afterFirstName["context"]!["name"]!.GetValue<string>());
        Assert.Equal(1, afterFirstName["messageCount"]!.GetValue<int>());
        Assert.Null(atStart["context"]!["name"]);
        Assert.Equal(0, atStart["messageCount"]!.GetValue<int>());
        Assert.Equal("Grace", now["context"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task reads_of_an_unknown_session_answer_404()
    {
        var unknown = Guid.NewGuid();

        foreach (var path in (string[])[$"/api/sessions/{unknown}", $"/api/sessions/{unknown}/events", $"/api/sessions/{unknown}/state?version=1"])
        {
            using var response = await Http.GetAsync(path);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [InlineData("version=0", HttpStatusCode.BadRequest)]
    [InlineData("version=-3", HttpStatusCode.BadRequest)]
    [InlineData("version=abc", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("version=999", HttpStatusCode.NotFound)]
    public async Task time_travel_rejects_versions_it_cannot_serve(string query, HttpStatusCode status)
    {
        var sessionId = Guid.NewGuid();
        await service.SendAsync(sessionId, "hello");

        using var response = await Http.GetAsync($"/api/sessions/{sessionId}/state?{query}");

        await ProblemAssert.IsProblemAsync(response, status, "version");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("from=0", "from")]
    [InlineData("from=x", "from")]
    public async Task event_paging_rejects_out_of_range_parameters(string query, string field)
    {
        var sessionId = Guid.NewGuid();
        await service.SendAsync(sessionId, "hello");

        using var response = await Http.GetAsync($"/api/sessions/{sessionId}/events?{query}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }
}
