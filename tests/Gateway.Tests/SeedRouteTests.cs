using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests;

[Collection(ServiceCollection.Name)]
public sealed class SeedRouteTests(ServiceFixture service)
{
    [Fact]
    public async Task a_message_without_a_session_id_starts_a_session_and_returns_its_id()
    {
        using var first = await service.Http.PostAsJsonAsync("/message", new { text = "my name is Zoë" });
        var body = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var sessionId = body["session_id"]!.GetValue<string>();

        using var second = await service.Http.PostAsJsonAsync("/message", new { session_id = sessionId, text = "what's my name?" });
        var reply = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(Guid.TryParse(sessionId, out _));
        Assert.False(string.IsNullOrEmpty(body["response"]!.GetValue<string>()));
        Assert.Equal(sessionId, reply["session_id"]!.GetValue<string>());
        Assert.Contains("Zoë", reply["response"]!.GetValue<string>());
        var session = JsonNode.Parse(await service.Http.GetStringAsync($"/api/sessions/{sessionId}"))!;
        Assert.Equal(2, session["messageCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"session_id": "nope", "text": "hi"}""", "session_id")]
    [InlineData("""{"session_id": 5, "text": "hi"}""", "session_id")]
    [InlineData("""{"text": ""}""", "text")]
    [InlineData("""{}""", "text")]
    public async Task bad_seed_requests_get_400_naming_the_field(string body, string field)
    {
        using var response = await service.Http.PostAsync("/message", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }
}
