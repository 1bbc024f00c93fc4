using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.OpenAi;

[Collection(ServiceCollection.Name)]
public sealed class OpenAiWireTests(ServiceFixture service)
{
    [Fact]
    public async Task a_streamed_completion_is_data_lines_of_chunks_ending_with_done()
    {
        var sessionId = Guid.NewGuid();
        using var response = await PostAsync(service.Http, """{"model": "x", "stream": true, "messages": [{"role": "user", "content": "my name is Ada"}]}""", sessionId);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(sessionId.ToString(), response.Headers.GetValues("X-Session-Id").Single());
        Assert.EndsWith("\n\ndata: [DONE]\n\n", body);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.Matches("^data: [^\n]+$", e));
        var chunks = events[..^1].Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.All(chunks, c => Assert.Equal("embedded", c["model"]!.GetValue<string>()));
        Assert.Single(chunks.Select(c => c["id"]!.GetValue<string>()).Distinct());
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.Equal("stop", chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Empty(chunks[^1]["choices"]![0]!["delta"]!.AsObject());
        var text = string.Concat(chunks[1..^1].Select(c => c["choices"]![0]!["delta"]!["content"]!.GetValue<string>()));
        Assert.Equal(await OpenAiClients.StoredReplyAsync(service.Http, sessionId.ToString()), text);
    }

    [Fact]
    public async Task content_given_as_text_parts_is_the_turns_text()
    {
        var sessionId = Guid.NewGuid();
        using var response = await PostAsync(service.Http,
            """{"model": "x", "messages": [{"role": "user", "content": [{"type": "text", "text": "my name is Grace"}]}]}""", sessionId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = JsonNode.Parse(await service.Http.GetStringAsync($"/api/sessions/{sessionId}"))!;
        Assert.Equal("my name is Grace", session["recentTurns"]![0]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"model": "x"}""", "messages")]
    [InlineData("""{"model": "x", "messages": []}""", "messages")]
    [InlineData("""{"model": "x", "messages": [{"role": "system", "content": "be brief"}]}""", "messages")]
    [InlineData("""{"messages": [{"role": "user", "content": "hi"}]}""", "model")]
    [InlineData("""{"model": "x", "messages": [{"role": "user", "content": [{"type": "image_url"}]}]}""", "messages[0].content")]
    [InlineData("""{"model": "x", "messages": [{"role": "user", "content": ""}]}""", "messages[0].content")]
    [InlineData("""{"model": "x", "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}, {"role": "user", "content": " "}]}""", "messages[2].content")]
    public async Task a_request_without_a_turn_to_send_gets_400_in_openais_shape_and_stores_nothing(string json, string param)
    {
        var sessionId = Guid.NewGuid();
        using var response = await PostAsync(service.Http, json, sessionId);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param);
        Assert.Equal(sessionId.ToString(), response.Headers.GetValues("X-Session-Id").Single());
        Assert.Equal("", await TestDatabase.EventTypesAsync(sessionId));
    }

    [Theory]
    [InlineData("""{"model": "x", "messages": [{"role": "user", "content": "hi \ud800"}]}""", "messages[0].content")]
    [InlineData("""{"model": "x", "messages": [{"role": "user", "content": [{"type": "text", "text": "a\u0000b"}]}]}""", "messages[0].content[0].text")]
    [InlineData("""{"model": "x", "messages": [{"role": "system", "content": "\udfff"}, {"role": "user", "content": "hi"}]}""", "messages[0].content")]
    [InlineData("""{"model": "x\u0000", "messages": [{"role": "user", "content": "hi"}]}""", "model")]
    [InlineData("""{"model": "x", "user": "\ud83d", "messages": [{"role": "user", "content": "hi"}]}""", "user")]
    public async Task text_that_cannot_be_stored_in_any_field_gets_400_naming_it_and_stores_nothing(string json, string param)
    {
        var sessionId = Guid.NewGuid();
        using var response = await PostAsync(service.Http, json, sessionId);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param);
        Assert.Equal("", await TestDatabase.EventTypesAsync(sessionId));
    }

    [Fact]
    public async Task a_retry_with_the_same_idempotency_key_and_no_session_header_finds_the_same_session_and_its_one_turn()
    {
        var key = $"retry-{Guid.NewGuid()}";
        var answers = new List<(string Session, string Body)>();
        foreach (var client in (HttpClient[])[service.Http, service.Http])
        {
            using var request = Request("""{"model": "x", "messages": [{"role": "user", "content": "my name is Ines"}]}""", null);
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add((response.Headers.GetValues("X-Session-Id").Single(), JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!["message"]!["content"]!.GetValue<string>()));
        }

        using var otherKey = Request("""{"model": "x", "messages": [{"role": "user", "content": "my name is Ines"}]}""", null);
        otherKey.Headers.Add("Idempotency-Key", key + "-other");
        using var other = await service.Http.SendAsync(otherKey);

        Assert.Equal(answers[0], answers[1]);
        Assert.NotEqual(answers[0].Session, other.Headers.GetValues("X-Session-Id").Single());
        Assert.Equal("SessionStarted,UserMessageReceived,ContextUpdated,AssistantReplied", await TestDatabase.EventTypesAsync(Guid.Parse(answers[0].Session)));
    }

    [Fact]
    public async Task a_turn_longer_than_the_limit_gets_413_naming_the_message()
    {
        var sessionId = Guid.NewGuid();
        var json = $$"""{"model": "x", "messages": [{"role": "user", "content": "{{new string('a', 8001)}}"}]}""";

        using var response = await PostAsync(service.Http, json, sessionId);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "invalid_request_error", "messages[0].content");
        Assert.Equal("", await TestDatabase.EventTypesAsync(sessionId));
    }

    [Fact]
    public async Task a_malformed_session_header_gets_400_naming_the_header()
    {
        using var request = Request("""{"model": "x", "messages": [{"role": "user", "content": "hi"}]}""", null);
        request.Headers.Add("X-Session-Id", "not-a-uuid");

        using var response = await service.Http.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "X-Session-Id");
    }

    [Fact]
    public async Task another_users_session_gets_404_and_nothing_is_stored_in_it()
    {
        using var alice = service.Secured.ClientWith(await service.NewKeyAsync("acme", "openai-alice"));
        using var bob = service.Secured.ClientWith(await service.NewKeyAsync("acme", "openai-bob"));
        var sessionId = Guid.NewGuid();
        using (var own = await PostAsync(alice, """{"model": "x", "messages": [{"role": "user", "content": "my pin is 4321"}]}""", sessionId))
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var events = await TestDatabase.EventTypesAsync(sessionId);

        using var plain = await PostAsync(bob, """{"model": "x", "messages": [{"role": "user", "content": "what is my pin?"}]}""", sessionId);
        using var streamed = await PostAsync(bob, """{"model": "x", "stream": true, "messages": [{"role": "user", "content": "what is my pin?"}]}""", sessionId);

        await AssertErrorAsync(plain, HttpStatusCode.NotFound, "invalid_request_error", "X-Session-Id");
        await AssertErrorAsync(streamed, HttpStatusCode.NotFound, "invalid_request_error", "X-Session-Id");
        Assert.Equal(events, await TestDatabase.EventTypesAsync(sessionId));
    }

    [Fact]
    public async Task no_credentials_get_401_in_openais_shape_with_a_bearer_challenge()
    {
        using var anonymous = service.Secured.ClientWith(null);

        using var response = await anonymous.GetAsync("/v1/models");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "authentication_error", "Authorization");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task past_the_rate_limit_a_caller_gets_429_in_openais_shape_with_retry_after()
    {
        await using var gateway = await RunningGateway.StartAsync(service.SecuredSettings(new Dictionary<string, string?>
        {
            ["RateLimit:TokensPerSecond"] = "1",
            ["RateLimit:Burst"] = "1",
        }));
        using var client = gateway.ClientWith(await service.NewKeyAsync("acme", "openai-greedy"));

        using var first = await client.GetAsync("/v1/models");
        using var second = await client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertErrorAsync(second, HttpStatusCode.TooManyRequests, "rate_limit_error", null);
        Assert.NotNull(second.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("/v1/no-such-route", HttpStatusCode.NotFound)]
    [InlineData("/v1/chat/completions", HttpStatusCode.MethodNotAllowed)]
    public async Task a_route_the_api_does_not_have_answers_in_openais_shape(string path, HttpStatusCode status)
    {
        using var response = await service.Http.GetAsync(path);

        await AssertErrorAsync(response, status, "invalid_request_error", null);
    }

    [Fact]
    public async Task the_models_list_has_openais_shape()
    {
        var list = JsonNode.Parse(await service.Http.GetStringAsync("/v1/models"))!;

        Assert.Equal("list", list["object"]!.GetValue<string>());
        var model = list["data"]!.AsArray().Single()!;
        Assert.Equal("embedded", model["id"]!.GetValue<string>());
        Assert.Equal("model", model["object"]!.GetValue<string>());
        Assert.True(model["created"]!.GetValue<long>() > 1_700_000_000);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string json, Guid sessionId)
    {
        using var request = Request(json, sessionId);
        return await client.SendAsync(request);
    }

    private static HttpRequestMessage Request(string json, Guid? sessionId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (sessionId is { } id)
            request.Headers.Add("X-Session-Id", id.ToString());
        return request;
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string? param)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(body)!["error"]!;
        Assert.False(string.IsNullOrWhiteSpace(error["message"]?.GetValue<string>()), body);
        Assert.Equal(type, error["type"]!.GetValue<string>());
        Assert.Equal(param, error["param"]?.GetValue<string>());
        Assert.True(error.AsObject().ContainsKey("code"), body);
    }
}
