using System.Net;
using System.Text;

namespace Orleans.Conversations.Gateway.Tests;

[Collection(ServiceCollection.Name)]
public sealed class BadInputTests(ServiceFixture service)
{
    public static TheoryData<string, string, HttpStatusCode, string> Bodies => new()
    {
        { "malformed JSON", """{"text": "hi" """, HttpStatusCode.BadRequest, "body" },
        { "not an object", """["hi"]""", HttpStatusCode.BadRequest, "body" },
        { "text of the wrong type", """{"text": 42}""", HttpStatusCode.BadRequest, "text" },
        { "missing text", """{"messageId": "m1"}""", HttpStatusCode.BadRequest, "text" },
        { "null text", """{"text": null}""", HttpStatusCode.BadRequest, "text" },
        { "empty text", """{"text": ""}""", HttpStatusCode.BadRequest, "text" },
        { "blank text", """{"text": "   "}""", HttpStatusCode.BadRequest, "text" },
        { "messageId of the wrong type", """{"text": "hi", "messageId": 7}""", HttpStatusCode.BadRequest, "messageId" },
        { "empty messageId", """{"text": "hi", "messageId": ""}""", HttpStatusCode.BadRequest, "messageId" },
        { "messageId over 128 characters", $$"""{"text": "hi", "messageId": "{{new string('m', 129)}}"}""", HttpStatusCode.BadRequest, "messageId" },
        { "text over 8,000 characters", $$"""{"text": "{{new string('t', 8001)}}"}""", HttpStatusCode.RequestEntityTooLarge, "text" },
        { "text over 8,000 characters of two UTF-16 units each", $$"""{"text": "{{string.Concat(Enumerable.Repeat("🧵", 8001))}}"}""", HttpStatusCode.RequestEntityTooLarge, "text" },
        { "a field no route reads holding a lone surrogate", """{"text": "hi", "note": "\ud800"}""", HttpStatusCode.BadRequest, "note" },
        { "a nested field no route reads holding U+0000", """{"text": "hi", "meta": {"tags": ["ok", "a\u0000b"]}}""", HttpStatusCode.BadRequest, "meta.tags[1]" },
        { "body over 64 KiB", $$"""{"text": "hi", "pad": "{{new string('p', 70_000)}}"}""", HttpStatusCode.RequestEntityTooLarge, "body" },
        { "empty body", "", HttpStatusCode.BadRequest, "body" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task a_bad_message_body_gets_a_problem_naming_the_field_and_stores_nothing(
        string @case, string body, HttpStatusCode status, string field)
    {
        var sessionId = Guid.NewGuid();

        using var response = await service.Http.PostAsync($"/api/sessions/{sessionId}/messages",
            new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, status, field);
        await AssertNothingStoredAsync(sessionId, @case);
    }

    [Fact]
    public async Task the_text_limit_counts_characters_so_as_many_emoji_as_the_limit_are_accepted()
    {
        var sessionId = Guid.NewGuid();
        var text = string.Concat(Enumerable.Repeat("🧵", 8000));

        using var response = await service.Http.PostAsync($"/api/sessions/{sessionId}/messages",
            new StringContent($$"""{"text": "{{text}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(text, await TestDatabase.ScalarAsync<string>(
            "SELECT data->>'text' FROM eventstore.events WHERE stream_id = $1 AND event_type = 'UserMessageReceived'", TestDatabase.StreamOf(sessionId)));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task a_body_that_is_not_json_gets_415_and_stores_nothing(string contentType)
    {
        var sessionId = Guid.NewGuid();

        using var response = await service.Http.PostAsync($"/api/sessions/{sessionId}/messages",
            new StringContent("""{"text":"hi"}""", Encoding.UTF8, contentType));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
        await AssertNothingStoredAsync(sessionId, contentType);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("12345")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950")]
    public async Task a_malformed_session_id_gets_400_on_every_route(string id)
    {
        var json = new StringContent("""{"text":"hi"}""", Encoding.UTF8, "application/json");
        using var post = await service.Http.PostAsync($"/api/sessions/{id}/messages", json);
        using var get = await service.Http.GetAsync($"/api/sessions/{id}");
        using var events = await service.Http.GetAsync($"/api/sessions/{id}/events");
        using var state = await service.Http.GetAsync($"/api/sessions/{id}/state?version=1");

        foreach (var response in (HttpResponseMessage[])[post, get, events, state])
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "id");
    }

    [Fact]
    public async Task a_session_created_with_a_bad_user_id_is_refused()
    {
        using var response = await service.Http.PostAsync("/api/sessions",
            new StringContent("""{"userId": 12}""", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "userId");
    }

    private async Task AssertNothingStoredAsync(Guid sessionId, string @case)
    {
        using var session = await service.Http.GetAsync($"/api/sessions/{sessionId}");
        Assert.True(HttpStatusCode.NotFound == session.StatusCode, $"{@case}: the session must not exist");
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(sessionId)));
    }
}
