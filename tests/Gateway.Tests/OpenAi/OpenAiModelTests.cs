using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OpenAI.Chat;

namespace Orleans.Conversations.Gateway.Tests.OpenAi;

[Collection(ModelServiceCollection.Name)]
public sealed class OpenAiModelTests(ModelServiceFixture service) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        service.Model.Reply = "A reply from the model in several words.";
        service.Model.ChunkDelay = TimeSpan.Zero;
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => InitializeAsync();

    [Fact]
    public async Task the_configured_model_is_listed_and_named_in_completions_whatever_the_client_asked_for()
    {
        var models = await OpenAiClients.Models(service.Gateway.Address, "key").GetModelsAsync();
        ChatCompletion completion = await OpenAiClients.Chat(service.Gateway.Address, "key").CompleteChatAsync(new UserChatMessage("hello"));

        Assert.Equal(ModelServiceFixture.ModelName, Assert.Single(models.Value).Id);
        Assert.Equal(ModelServiceFixture.ModelName, completion.Model);
        Assert.Equal("A reply from the model in several words.", completion.Content.Single().Text);
    }

    [Fact]
    public async Task a_model_that_fails_answers_502_in_openais_shape_and_in_the_native_api_without_the_model_s_own_error_text()
    {
        service.Model.Reply = null;

        var failure = await Assert.ThrowsAsync<ClientResultException>(() =>
            OpenAiClients.Chat(service.Gateway.Address, "key").CompleteChatAsync(new UserChatMessage("hello")));
        using var native = await service.Gateway.Http.PostAsJsonAsync($"/api/sessions/{Guid.NewGuid()}/messages", new { text = "hello", messageId = "native-1" });

        Assert.Equal(502, failure.Status);
        var error = JsonNode.Parse(failure.GetRawResponse()!.Content.ToString())!["error"]!;
        Assert.Equal("server_error", error["type"]!.GetValue<string>());
        Assert.Contains("messageId", error["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadGateway, native.StatusCode);
        var detail = JsonNode.Parse(await native.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        foreach (var shown in (string[])[error["message"]!.GetValue<string>(), detail])
        {
            Assert.Contains("The model failed to answer", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("fake model is down", shown, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(service.Model.Endpoint.Authority, shown, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task a_turn_that_fails_mid_stream_sends_its_deltas_then_an_error_then_done()
    {
        service.Model.ChunkDelay = TimeSpan.FromMilliseconds(500);
        var sessionId = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model": "x", "stream": true, "messages": [{"role": "user", "content": "tell me a story"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Session-Id", sessionId.ToString());

        using var response = await service.Gateway.Http.SendAsync(request);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("data: [DONE]", events[^1]);
        var data = events[..^1].Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        var error = data[^1]["error"]!;
        Assert.Equal("server_error", error["type"]!.GetValue<string>());
        Assert.Equal("service_unavailable", error["code"]!.GetValue<string>());
        Assert.Contains(data[1..^1], chunk => chunk["choices"]![0]!["delta"]!["content"] is not null);
        Assert.DoesNotContain(data[..^1], chunk => chunk["choices"]![0]!["finish_reason"] is not null);
        Assert.EndsWith("ReplyFailed", await TestDatabase.EventTypesAsync(sessionId));
    }
}
