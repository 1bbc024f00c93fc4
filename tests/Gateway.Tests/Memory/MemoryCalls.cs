using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.Memory;

/// <summary>The calls the memory tests make, over real HTTP, as one caller.</summary>
internal static class MemoryCalls
{
    /// <summary>The memory's items, newest first.</summary>
    public static async Task<JsonArray> ItemsAsync(this HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/memory"))!["items"]!.AsArray();

    /// <summary>Waits (at most <paramref name="within"/>) until the memory holds an item that satisfies <paramref name="found"/>; the item.</summary>
    public static async Task<JsonNode> WaitForItemAsync(this HttpClient client, Func<JsonNode, bool> found, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if ((await client.ItemsAsync()).FirstOrDefault(i => found(i!)) is { } item)
                return item;
            Assert.True(clock.Elapsed < (within ?? TimeSpan.FromSeconds(10)), $"not in the memory after {clock.Elapsed}: {await client.GetStringAsync("/api/memory")}");
            await Task.Delay(25);
        }
    }

    /// <summary>Waits until the memory holds <paramref name="value"/> under <paramref name="key"/>.</summary>
    public static Task<JsonNode> WaitForAsync(this HttpClient client, string key, string value, TimeSpan? within = null) =>
        client.WaitForItemAsync(i => i["key"]!.GetValue<string>() == key && i["value"]!.GetValue<string>() == value, within);

    /// <summary>Waits until no item of the memory is under <paramref name="key"/>.</summary>
    public static async Task WaitUntilNoneAsync(this HttpClient client, string key)
    {
        var clock = Stopwatch.StartNew();
        while ((await client.ItemsAsync()).Any(i => i!["key"]!.GetValue<string>() == key))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"still in the memory: {await client.GetStringAsync("/api/memory")}");
            await Task.Delay(25);
        }
    }

    /// <summary>Sends a message to a session and returns the reply and the version.</summary>
    public static async Task<(string Reply, int Version)> SayAsync(this HttpClient client, Guid sessionId, string text)
    {
        using var response = await client.PostAsJsonAsync($"/api/sessions/{sessionId}/messages", new { text });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        var answer = JsonNode.Parse(body)!;
        return (answer["reply"]!.GetValue<string>(), answer["version"]!.GetValue<int>());
    }

    /// <summary>Starts a session with <paramref name="body"/> as the request body.</summary>
    public static async Task<Guid> StartAsync(this HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/sessions", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["sessionId"]!.GetValue<Guid>();
    }

    /// <summary>Sends <paramref name="json"/> as the body of <paramref name="method"/> <paramref name="path"/>.</summary>
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string json) =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });
}
