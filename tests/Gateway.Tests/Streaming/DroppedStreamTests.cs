using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.Streaming;

public sealed class DroppedStreamTests(SlowModelService service) : IClassFixture<SlowModelService>
{
    [Fact]
    public async Task a_stream_dropped_mid_turn_resumes_after_its_last_event_and_the_turn_still_completes()
    {
        var id = Guid.NewGuid();
        var seen = new List<(string Id, string Type, JsonObject Data)>();
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/messages") { Content = JsonContent.Create(new { text = "count for me", messageId = "drop-1" }) })
        {
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await service.Gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (seen.Count(e => e.Type == "message.delta") < 2)
                seen.Add(await ReadEventAsync(reader));
        }

        using var resume = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/messages/drop-1/stream");
        resume.Headers.Accept.ParseAdd("text/event-stream");
        resume.Headers.Add("Last-Event-ID", seen[^1].Id);
        using var resumed = await service.Gateway.Http.SendAsync(resume, HttpCompletionOption.ResponseHeadersRead);
        using (var reader = new StreamReader(await resumed.Content.ReadAsStreamAsync()))
        {
            while (seen[^1].Type is not ("turn.completed" or "turn.failed"))
                seen.Add(await ReadEventAsync(reader));
        }

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(n => n.ToString()), seen.Select(e => e.Id));
        Assert.Equal("turn.completed", seen[^1].Type);
        Assert.Equal(SlowModelService.Reply, string.Concat(seen.Where(e => e.Type == "message.delta").Select(e => e.Data["text"]!.GetValue<string>())));
        Assert.Equal(SlowModelService.Reply, await TestDatabase.ScalarAsync<string>(
            "SELECT data->>'text' FROM eventstore.events WHERE stream_id = $1 AND event_type = 'AssistantReplied'", TestDatabase.StreamOf(id)));
    }

    [Fact]
    public async Task a_turn_whose_client_went_away_is_still_answered_and_stored()
    {
        var id = Guid.NewGuid();
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/messages") { Content = JsonContent.Create(new { text = "count for me", messageId = "gone-1" }) })
        {
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await service.Gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            await ReadEventAsync(reader);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!(await TestDatabase.EventTypesAsync(id)).EndsWith("AssistantReplied", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the turn was never completed");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task cancelling_a_running_turn_ends_its_stream_with_turn_failed_and_a_retry_answers_it()
    {
        var id = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/messages") { Content = JsonContent.Create(new { text = "count for me", messageId = "stop-1" }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await service.Gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string Id, string Type, JsonObject Data)> { await ReadEventAsync(reader), await ReadEventAsync(reader) };

        using var cancel = await service.Gateway.Http.PostAsync($"/api/sessions/{id}/messages/stop-1/cancel", null);
        while (events[^1].Type is not ("turn.completed" or "turn.failed"))
            events.Add(await ReadEventAsync(reader));
        using var retry = await service.Gateway.Http.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "count for me", messageId = "stop-1" });

        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Equal("turn.failed", events[^1].Type);
        Assert.Equal(409, events[^1].Data["status"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("SessionStarted,UserMessageReceived,ReplyFailed,AssistantReplied", await TestDatabase.EventTypesAsync(id));
    }

    private static async Task<(string Id, string Type, JsonObject Data)> ReadEventAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var fields = new Dictionary<string, string>();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0 && fields.Count > 0)
                return (fields["id"], fields["event"], JsonNode.Parse(fields["data"])!.AsObject());
            if (line.Split(": ", 2) is [var name, var value])
                fields[name] = value;
        }

        throw new InvalidOperationException("the stream ended");
    }
}
