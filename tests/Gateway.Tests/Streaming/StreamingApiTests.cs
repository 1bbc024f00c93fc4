using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.Streaming;

[Collection(ServiceCollection.Name)]
public sealed class StreamingApiTests(ServiceFixture service)
{
    [Fact]
    public async Task a_streamed_turn_sends_started_deltas_and_completed_as_server_sent_events_on_the_wire()
    {
        var id = Guid.NewGuid();

        var (response, raw) = await PostStreamAsync(service.Http, id, new { text = "Hi, my name is Zoë and I live in São Paulo", messageId = "s1" });
        var events = Parse(raw);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("event: turn.started\ndata: {", raw.Replace("\r", ""));
        Assert.Equal("turn.started", events[0].Type);
        Assert.Equal("turn.completed", events[^1].Type);
        Assert.All(events[1..^1], e => Assert.Equal("message.delta", e.Type));
        Assert.True(events.Count > 3, "a reply of several words comes in several deltas");
        Assert.Equal(Enumerable.Range(1, events.Count).Select(n => n.ToString()), events.Select(e => e.Id));
        var completed = events[^1].Data;
        var reply = completed["reply"]!.GetValue<string>();
        Assert.Equal(reply, string.Concat(events[1..^1].Select(e => e.Data["text"]!.GetValue<string>())));
        Assert.Equal("s1", completed["messageId"]!.GetValue<string>());
        Assert.Equal(id, events[0].Data["sessionId"]!.GetValue<Guid>());
        Assert.Contains("Zoë", reply);
        Assert.Equal(reply, await TestDatabase.ScalarAsync<string>(
            "SELECT data->>'text' FROM eventstore.events WHERE stream_id = $1 AND event_type = 'AssistantReplied'", TestDatabase.StreamOf(id)));
    }

    [Fact]
    public async Task bad_input_is_an_ordinary_problem_before_any_stream_starts()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{Guid.NewGuid()}/messages") { Content = JsonContent.Create(new { text = "" }) };
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await service.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "text");
    }

    [Fact]
    public async Task a_finished_turn_replays_from_the_resume_route_and_last_event_id_skips_what_was_seen()
    {
        var id = Guid.NewGuid();
        var (_, first) = await PostStreamAsync(service.Http, id, new { text = "I like tea and long walks", messageId = "r1" });
        var original = Parse(first);

        var replayed = Parse(await GetStreamAsync($"/api/sessions/{id}/messages/r1/stream", lastEventId: null));
        var resumed = Parse(await GetStreamAsync($"/api/sessions/{id}/messages/r1/stream", lastEventId: "2"));

        Assert.Equal(original.Select(e => (e.Id, e.Type, e.Data.ToJsonString())), replayed.Select(e => (e.Id, e.Type, e.Data.ToJsonString())));
        Assert.Equal(original.Skip(2).Select(e => e.Id), resumed.Select(e => e.Id));
    }

    [Fact]
    public async Task resuming_a_finished_turn_at_or_past_its_last_event_ends_at_once_with_nothing_more()
    {
        var id = Guid.NewGuid();
        var (_, first) = await PostStreamAsync(service.Http, id, new { text = "I like tea and long walks", messageId = "end-1" });
        var original = Parse(first);
        var last = original[^1].Id;
        await AssertEndsEmptyAsync(last);
        await AssertEndsEmptyAsync("999");

        // Once newer turns have pushed it out of memory, the turn is replayed from the log split as it was streamed: a
        // stream resumed past its first deltas gets the rest of them and turn.completed.
        foreach (var text in (string[])["one", "two", "three", "four", "five"])
            await service.SendAsync(id, text);
        foreach (var lastEventId in (string[])[last, "999"])
            await AssertEndsEmptyAsync(lastEventId);
        Assert.True(original.Count > 4, "the reply came in more than two deltas");
        var rest = Parse(await GetStreamAsync($"/api/sessions/{id}/messages/end-1/stream", lastEventId: "3"));
        Assert.Equal(original.Skip(3).Select(e => (e.Id, e.Type, e.Data.ToJsonString())), rest.Select(e => (e.Id, e.Type, e.Data.ToJsonString())));
        Assert.Equal("turn.completed", rest[^1].Type);

        async Task AssertEndsEmptyAsync(string lastEventId)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/messages/end-1/stream");
            request.Headers.Add("Last-Event-ID", lastEventId);
            using var response = await service.Http.SendAsync(request, timeout.Token);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("", (await response.Content.ReadAsStringAsync(timeout.Token)).Trim());
        }
    }

    [Fact]
    public async Task the_websocket_of_another_users_session_or_a_deleted_one_is_refused_with_404_before_the_upgrade()
    {
        var owner = await service.NewKeyAsync("ws-tenant", "ws-owner");
        var stranger = await service.NewKeyAsync("ws-tenant", "ws-stranger");
        var (owned, deleted) = (Guid.NewGuid(), Guid.NewGuid());
        using var ownerHttp = service.Secured.ClientWith(owner);
        foreach (var id in (Guid[])[owned, deleted])
            (await ownerHttp.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "hello" })).EnsureSuccessStatusCode();
        (await ownerHttp.DeleteAsync($"/api/sessions/{deleted}")).EnsureSuccessStatusCode();

        foreach (var (key, id) in (List<(string, Guid)>)[(stranger, owned), (owner, deleted), (stranger, deleted)])
        {
            using var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", $"Bearer {key}");
            socket.Options.CollectHttpResponseDetails = true;
            await Assert.ThrowsAsync<WebSocketException>(() =>
                socket.ConnectAsync(new Uri($"ws://{service.Secured.Address.Authority}/api/sessions/{id}/ws"), CancellationToken.None));
            Assert.Equal(HttpStatusCode.NotFound, socket.HttpStatusCode);
        }

        using var own = new ClientWebSocket();
        own.Options.SetRequestHeader("Authorization", $"Bearer {owner}");
        await own.ConnectAsync(new Uri($"ws://{service.Secured.Address.Authority}/api/sessions/{owned}/ws"), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, own.State);
        await own.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task the_resume_and_cancel_routes_answer_404_for_an_unknown_turn_and_cancel_answers_409_for_a_finished_one()
    {
        var id = Guid.NewGuid();
        await service.SendAsync(id, "hello", "done-1");

        using var unknownStream = await service.Http.GetAsync($"/api/sessions/{id}/messages/nope/stream");
        using var unknownCancel = await service.Http.PostAsync($"/api/sessions/{id}/messages/nope/cancel", null);
        using var finishedCancel = await service.Http.PostAsync($"/api/sessions/{id}/messages/done-1/cancel", null);

        await ProblemAssert.IsProblemAsync(unknownStream, HttpStatusCode.NotFound, "messageId");
        await ProblemAssert.IsProblemAsync(unknownCancel, HttpStatusCode.NotFound, "messageId");
        await ProblemAssert.IsProblemAsync(finishedCancel, HttpStatusCode.Conflict, "messageId");
    }

    [Fact]
    public async Task a_websocket_answers_frames_with_the_same_events_and_survives_a_bad_frame()
    {
        var id = Guid.NewGuid();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{service.Http.BaseAddress!.Authority}/api/sessions/{id}/ws"), CancellationToken.None);

        await SendAsync(socket, "this is not json");
        var bad = await ReceiveAsync(socket);
        await SendAsync(socket, "{\"text\": \"my name is Ada\", \"messageId\": \"w1\"}");
        var frames = new List<JsonObject>();
        do
            frames.Add(await ReceiveAsync(socket));
        while (frames[^1]["type"]!.GetValue<string>() is not ("turn.completed" or "turn.failed"));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.Equal("turn.failed", bad["type"]!.GetValue<string>());
        Assert.Equal(400, bad["status"]!.GetValue<int>());
        Assert.Equal("turn.started", frames[0]["type"]!.GetValue<string>());
        Assert.Equal("turn.completed", frames[^1]["type"]!.GetValue<string>());
        Assert.Equal(frames[^1]["reply"]!.GetValue<string>(), string.Concat(frames.Where(f => f["type"]!.GetValue<string>() == "message.delta").Select(f => f["text"]!.GetValue<string>())));
        Assert.Contains("Ada", frames[^1]["reply"]!.GetValue<string>());
    }

    private async Task<(HttpResponseMessage Response, string Raw)> PostStreamAsync(HttpClient client, Guid id, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/messages") { Content = JsonContent.Create(body) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> GetStreamAsync(string path, string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await service.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static List<(string Type, string Id, JsonObject Data)> Parse(string raw) =>
        [.. raw.Replace("\r", "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(block =>
        {
            var fields = block.Split('\n').Select(line => line.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
            return (fields["event"], fields["id"], JsonNode.Parse(fields["data"])!.AsObject());
        })];

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonObject> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count))!.AsObject();
    }
}
