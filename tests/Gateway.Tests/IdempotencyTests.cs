using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests;

[Collection(ServiceCollection.Name)]
public sealed class IdempotencyTests(ServiceFixture service)
{
    [Fact]
    public async Task an_idempotency_key_header_acts_as_the_message_id()
    {
        var sessionId = Guid.NewGuid();

        var first = await PostWithKeyAsync(sessionId, """{"text": "I like tea"}""", "key-1");
        var retry = await PostWithKeyAsync(sessionId, """{"text": "I like tea"}""", "key-1");

        Assert.Equal("key-1", first["messageId"]!.GetValue<string>());
        Assert.Equal(first.ToJsonString(), retry.ToJsonString());
        Assert.Equal("SessionStarted,UserMessageReceived,ContextUpdated,AssistantReplied", await TestDatabase.EventTypesAsync(sessionId));
    }

    [Fact]
    public async Task a_header_and_a_body_naming_different_ids_are_refused_and_store_nothing()
    {
        var sessionId = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{sessionId}/messages")
        {
            Content = new StringContent("""{"text": "hi", "messageId": "a"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "b");

        using var response = await service.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key");
        Assert.Equal("", await TestDatabase.EventTypesAsync(sessionId));
    }

    [Fact]
    public async Task a_generated_message_id_is_returned_so_a_client_can_retry_with_it()
    {
        var sessionId = Guid.NewGuid();

        var first = await service.SendAsync(sessionId, "My name is Ada");
        var retry = await service.SendAsync(sessionId, "My name is Ada", first["messageId"]!.GetValue<string>());

        Assert.Equal(first["version"]!.GetValue<int>(), retry["version"]!.GetValue<int>());
        Assert.Equal(first["reply"]!.GetValue<string>(), retry["reply"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_seed_route_takes_a_message_id_and_a_retry_stores_nothing_twice()
    {
        var sessionId = Guid.NewGuid();
        var body = new { session_id = sessionId.ToString(), text = "I live in Lisbon", message_id = "seed-1" };

        using var first = await service.Http.PostAsJsonAsync("/message", body);
        using var retry = await service.Http.PostAsJsonAsync("/message", body);

        var firstAnswer = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var retryAnswer = JsonNode.Parse(await retry.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("seed-1", firstAnswer["message_id"]!.GetValue<string>());
        Assert.Equal(firstAnswer["response"]!.GetValue<string>(), retryAnswer["response"]!.GetValue<string>());
        Assert.Equal("SessionStarted,UserMessageReceived,ContextUpdated,AssistantReplied", await TestDatabase.EventTypesAsync(sessionId));
    }

    private async Task<JsonObject> PostWithKeyAsync(Guid sessionId, string json, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{sessionId}/messages")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await service.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }
}
