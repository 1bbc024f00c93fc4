using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.Forks;

/// <summary>The calls the fork tests make, over real HTTP, as one caller.</summary>
internal static class ForkCalls
{
    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/> and returns the parsed answer, failing unless the status is <paramref name="expected"/>.</summary>
    public static async Task<JsonObject> PostOkAsync(this HttpClient client, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>
    /// A new temporary session, so that what it answers does not depend on the memory other tests share in open mode,
    /// with one turn per message.
    /// </summary>
    public static async Task<Guid> TemporaryConversationAsync(this HttpClient client, params string[] messages)
    {
        var id = (await client.PostOkAsync("/api/sessions", new { memory = "off" }, HttpStatusCode.Created))["sessionId"]!.GetValue<Guid>();
        foreach (var message in messages)
            await client.PostOkAsync($"/api/sessions/{id}/messages", new { text = message });
        return id;
    }

    /// <summary>Forks <paramref name="sessionId"/> at <paramref name="version"/> (the current one when null); the answer.</summary>
    public static Task<JsonObject> ForkAsync(this HttpClient client, Guid sessionId, int? version = null) =>
        client.PostOkAsync($"/api/sessions/{sessionId}/fork", version is null ? new { } : new { version }, HttpStatusCode.Created);

    /// <summary>A session's state, as <c>GET /api/sessions/{id}</c> or, with a version, <c>/state?version=N</c> shows it.</summary>
    public static async Task<JsonObject> StateAsync(this HttpClient client, Guid sessionId, int? version = null) =>
        JsonNode.Parse(await client.GetStringAsync(version is null ? $"/api/sessions/{sessionId}" : $"/api/sessions/{sessionId}/state?version={version}"))!.AsObject();

    /// <summary>Every event of a session, as the events route shows them.</summary>
    public static async Task<JsonArray> EventsAsync(this HttpClient client, Guid sessionId) =>
        JsonNode.Parse(await client.GetStringAsync($"/api/sessions/{sessionId}/events?limit=1000"))!["events"]!.AsArray();

    /// <summary>What of a session's state a fork takes over: all but its id, version, times and origin.</summary>
    public static string Inheritable(JsonObject state) =>
        new JsonObject
        {
            ["context"] = state["context"]!.DeepClone(),
            ["recentTurns"] = state["recentTurns"]!.DeepClone(),
            ["messageCount"] = state["messageCount"]!.DeepClone(),
            ["title"] = state["title"]?.DeepClone(),
            ["memory"] = state["memory"]!.DeepClone(),
            ["userId"] = state["userId"]?.DeepClone(),
        }.ToJsonString();

    /// <summary>The id of the user message of the turn at <paramref name="index"/> (from 0) of a session.</summary>
    public static async Task<string> MessageIdAsync(this HttpClient client, Guid sessionId, int index) =>
        (await client.EventsAsync(sessionId)).Where(e => e!["type"]!.GetValue<string>() == "UserMessageReceived")
            .ElementAt(index)!["data"]!["messageId"]!.GetValue<string>();

    /// <summary>Waits (at most 10 s) until <paramref name="found"/> holds for the caller's forks of <paramref name="parent"/>; them.</summary>
    public static async Task<JsonArray> WaitForForksAsync(this HttpClient client, Guid parent, Func<JsonArray, bool> found)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var forks = JsonNode.Parse(await client.GetStringAsync($"/api/sessions/{parent}/forks"))!["forks"]!.AsArray();
            if (found(forks))
                return forks;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"forks after {clock.Elapsed}: {forks.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Posts <paramref name="body"/> asking for server-sent events; the events (type, id, data).</summary>
    public static async Task<List<(string Type, string Id, JsonObject Data)>> PostStreamAsync(this HttpClient client, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {raw}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return [.. raw.Replace("\r", "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(block =>
        {
            var fields = block.Split('\n').Select(line => line.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
            return (fields["event"], fields["id"], JsonNode.Parse(fields["data"])!.AsObject());
        })];
    }
}
