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
        // A word every 1.5 s, so that the cancel reaches the turn while it runs however busy the machine.
        service.Model.ChunkDelay = TimeSpan.FromSeconds(1.5);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/messages") { Content = JsonContent.Create(new { text = "count for me", messageId = "stop-1" }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await service.Gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string Id, string Type, JsonObject Data)> { await ReadEventAsync(reader), await ReadEventAsync(reader) };

        using var cancel = await service.Gateway.Http.PostAsync($"/api/sessions/{id}/messages/stop-1/cancel", null);
        while (events[^1].Type is not ("turn.completed" or "turn.failed"))
            events.Add(await ReadEventAsync(reader));
        service.Model.ChunkDelay = TimeSpan.FromMilliseconds(400);
        using var retry = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/messages") { Content = JsonContent.Create(new { text = "count for me", messageId = "stop-1" }) };
        retry.Headers.Accept.ParseAdd("text/event-stream");
        using var retried = await service.Gateway.Http.SendAsync(retry);
        var retriedRaw = await retried.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Equal("turn.failed", events[^1].Type);
        Assert.Equal(409, events[^1].Data["status"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Contains("event: turn.completed", retriedRaw);
        Assert.DoesNotContain("event: turn.failed", retriedRaw);
        Assert.Contains(SlowModelService.Reply, retriedRaw);
        Assert.Equal("SessionStarted,UserMessageReceived,ReplyFailed,AssistantReplied", await TestDatabase.EventTypesAsync(id));
    }

    [Fact]
    public async Task two_readers_of_one_running_turn_see_the_same_events()
    {
        var id = Guid.NewGuid();
        var turn = service.Gateway.Http.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "count for me", messageId = "two-1" });

        var readers = await Task.WhenAll(ReadTurnAsync(id, "two-1"), ReadTurnAsync(id, "two-1"));
        using var answered = await turn;

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(readers[0].Select(e => (e.Id, e.Type, e.Data.ToJsonString())), readers[1].Select(e => (e.Id, e.Type, e.Data.ToJsonString())));
        Assert.True(readers[0].Count(e => e.Type == "message.delta") > 1, "the reply came in several deltas");
        Assert.Equal("turn.completed", readers[0][^1].Type);
    }

    [Fact]
    public async Task a_message_sent_mid_turn_waits_for_it_and_nothing_interleaves_in_the_log()
    {
        var id = Guid.NewGuid();
        var first = service.Gateway.Http.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "count for me", messageId = "first" });
        var started = await ReadTurnAsync(id, "first", untilFirstDelta: true);

        using var second = await service.Gateway.Http.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "and again", messageId = "second" });
        using var firstAnswer = await first;

        Assert.Contains(started, e => e.Type == "message.delta");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, firstAnswer.StatusCode);
        Assert.Equal("SessionStarted,UserMessageReceived,AssistantReplied,UserMessageReceived,AssistantReplied", await TestDatabase.EventTypesAsync(id));
        Assert.Equal("first,first,second,second", await TestDatabase.ScalarAsync<string>(
            "SELECT string_agg(coalesce(data->>'messageId', data->>'inReplyTo'), ',' ORDER BY version) FROM eventstore.events WHERE stream_id = $1 AND version > 1",
            TestDatabase.StreamOf(id)));
    }

    /// <summary>The turn's events through the resume route, once the turn exists.</summary>
    private async Task<List<(string Id, string Type, JsonObject Data)>> ReadTurnAsync(Guid id, string messageId, bool untilFirstDelta = false)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/messages/{messageId}/stream");
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await service.Gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                Assert.True(DateTime.UtcNow < deadline, $"turn {messageId} never began");
                await Task.Delay(20);
                continue;
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var events = new List<(string Id, string Type, JsonObject Data)>();
            do
                events.Add(await ReadEventAsync(reader));
            while (events[^1].Type is not ("turn.completed" or "turn.failed") && !(untilFirstDelta && events[^1].Type == "message.delta"));
            return events;
        }
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
