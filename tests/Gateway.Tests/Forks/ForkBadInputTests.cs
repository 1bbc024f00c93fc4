using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Orleans.Conversations.Gateway.Tests.Forks;

[Collection(ServiceCollection.Name)]
public sealed class ForkBadInputTests(ServiceFixture service)
{
    private HttpClient Http => service.Http;

    [Theory]
    [InlineData("\"2\"")]
    [InlineData("1.5")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("[1]")]
    public async Task a_version_that_is_not_an_integer_from_1_is_refused_naming_version(string version)
    {
        var parent = await ConversationAsync();

        using var response = await PostJsonAsync($"/api/sessions/{parent}/fork", $$"""{"version": {{version}}}""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "version");
        Assert.Equal(0, await ForkRowsAsync(parent));
    }

    [Fact]
    public async Task a_version_beyond_the_current_one_is_not_found_naming_version()
    {
        var parent = await ConversationAsync();
        var current = (await Http.StateAsync(parent))["version"]!.GetValue<int>();

        using var next = await PostJsonAsync($"/api/sessions/{parent}/fork", $$"""{"version": {{current + 1}}}""");
        using var huge = await PostJsonAsync($"/api/sessions/{parent}/fork", """{"version": 99999999999}""");

        await ProblemAssert.IsProblemAsync(next, HttpStatusCode.NotFound, "version");
        await ProblemAssert.IsProblemAsync(huge, HttpStatusCode.NotFound, "version");
    }

    [Fact]
    public async Task a_body_that_is_not_json_or_not_an_object_is_refused()
    {
        var parent = await ConversationAsync();

        using var plain = await Http.PostAsync($"/api/sessions/{parent}/fork", new StringContent("version=2", Encoding.UTF8, "text/plain"));
        using var array = await PostJsonAsync($"/api/sessions/{parent}/fork", "[2]");
        using var broken = await PostJsonAsync($"/api/sessions/{parent}/fork", """{"version": """);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        await ProblemAssert.IsProblemAsync(array, HttpStatusCode.BadRequest, "body");
        await ProblemAssert.IsProblemAsync(broken, HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task unknown_sessions_and_message_ids_are_not_found_and_malformed_ids_are_refused()
    {
        var parent = await ConversationAsync();
        var unknown = Guid.NewGuid();

        foreach (var path in (string[])[$"/api/sessions/{unknown}/fork", $"/api/sessions/{unknown}/messages/m/regenerate"])
        {
            using var response = await Http.PostAsync(path, null);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var edit = await Http.PostAsJsonAsync($"/api/sessions/{unknown}/messages/m/edit", new { text = "hi" });
        using var forks = await Http.GetAsync($"/api/sessions/{unknown}/forks");
        using var editUnknownMessage = await Http.PostAsJsonAsync($"/api/sessions/{parent}/messages/no-such-message/edit", new { text = "hi" });
        using var regenerateUnknownMessage = await Http.PostAsync($"/api/sessions/{parent}/messages/no-such-message/regenerate", null);
        using var malformed = await Http.PostAsync("/api/sessions/not-a-uuid/fork", null);

        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forks.StatusCode);
        await ProblemAssert.IsProblemAsync(editUnknownMessage, HttpStatusCode.NotFound, "messageId");
        await ProblemAssert.IsProblemAsync(regenerateUnknownMessage, HttpStatusCode.NotFound, "messageId");
        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.BadRequest, "id");
        Assert.Equal("", await TestDatabase.EventTypesAsync(unknown));
    }

    [Fact]
    public async Task an_edits_text_follows_the_rules_of_a_message()
    {
        var parent = await ConversationAsync();
        var path = $"/api/sessions/{parent}/messages/{await Http.MessageIdAsync(parent, 0)}/edit";

        using var empty = await Http.PostAsJsonAsync(path, new { text = "" });
        using var missing = await PostJsonAsync(path, "{}");
        using var number = await PostJsonAsync(path, """{"text": 5}""");
        using var surrogate = await PostJsonAsync(path, """{"text": "\ud800"}""");
        using var tooLong = await Http.PostAsJsonAsync(path, new { text = new string('a', 8001) });
        using var plain = await Http.PostAsync(path, new StringContent("hi", Encoding.UTF8, "text/plain"));
        using var longId = await Http.PostAsJsonAsync(path, new { text = "hi", messageId = new string('m', 129) });
        using var longRegenerateId = await Http.PostAsJsonAsync(
            $"/api/sessions/{parent}/messages/{await Http.MessageIdAsync(parent, 0)}/regenerate", new { messageId = new string('m', 129) });

        await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.BadRequest, "text");
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest, "text");
        await ProblemAssert.IsProblemAsync(number, HttpStatusCode.BadRequest, "text");
        await ProblemAssert.IsProblemAsync(surrogate, HttpStatusCode.BadRequest, "text");
        await ProblemAssert.IsProblemAsync(tooLong, HttpStatusCode.RequestEntityTooLarge, "text");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        await ProblemAssert.IsProblemAsync(longId, HttpStatusCode.BadRequest, "messageId");
        await ProblemAssert.IsProblemAsync(longRegenerateId, HttpStatusCode.BadRequest, "messageId");
        Assert.Equal(0, await ForkRowsAsync(parent));
    }

    [Fact]
    public async Task a_deleted_session_cannot_be_forked_edited_or_regenerated()
    {
        var parent = await ConversationAsync();
        var messageId = await Http.MessageIdAsync(parent, 0);
        using var deleted = await Http.DeleteAsync($"/api/sessions/{parent}");

        using var fork = await Http.PostAsync($"/api/sessions/{parent}/fork", null);
        using var edit = await Http.PostAsJsonAsync($"/api/sessions/{parent}/messages/{messageId}/edit", new { text = "hi" });
        using var regenerate = await Http.PostAsync($"/api/sessions/{parent}/messages/{messageId}/regenerate", null);
        using var forks = await Http.GetAsync($"/api/sessions/{parent}/forks");

        Assert.All([fork, edit, regenerate, forks], r => Assert.Contains(r.StatusCode, (HttpStatusCode[])[HttpStatusCode.NotFound, HttpStatusCode.Gone]));
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        await Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>How many events were stored in streams that name <paramref name="parent"/> as their origin.</summary>
    private static Task<long> ForkRowsAsync(Guid parent) => TestDatabase.ScalarAsync<long>(
        "SELECT count(*) FROM eventstore.events WHERE event_type = 'SessionForked' AND data->'forkedFrom'->>'sessionId' = $1", parent.ToString());

    private async Task<Guid> ConversationAsync()
    {
        var id = Guid.NewGuid();
        await service.SendAsync(id, "My name is Ada");
        return id;
    }
}
