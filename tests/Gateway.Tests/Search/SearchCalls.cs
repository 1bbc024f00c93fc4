using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.Search;

/// <summary>The calls the search tests make, over real HTTP, as one caller.</summary>
internal static class SearchCalls
{
    /// <summary>The answer of <c>GET /api/search</c> for <paramref name="q"/>, which must be 200.</summary>
    public static async Task<JsonObject> SearchAsync(this HttpClient client, string q, int? limit = null, string? cursor = null)
    {
        using var response = await client.GetAsync(SearchPath(q, limit, cursor));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The hits of the first page for <paramref name="q"/>.</summary>
    public static async Task<JsonArray> HitsAsync(this HttpClient client, string q) => (await client.SearchAsync(q))["hits"]!.AsArray();

    /// <summary>
    /// Waits (at most <paramref name="within"/>, else 30 s: the feed stops short of any transaction open on the shared
    /// server) until <paramref name="q"/> finds at least <paramref name="count"/> hits; the hits.
    /// </summary>
    public static async Task<JsonArray> WaitForHitsAsync(this HttpClient client, string q, int count = 1, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var hits = await client.HitsAsync(q);
            if (hits.Count >= count)
                return hits;
            Assert.True(clock.Elapsed < (within ?? TimeSpan.FromSeconds(30)), $"'{q}' found {hits.Count} hits after {clock.Elapsed}");
            await Task.Delay(clock.Elapsed < TimeSpan.FromSeconds(2) ? 20 : 200);
        }
    }

    /// <summary>The path of a search; <paramref name="q"/> is percent-encoded.</summary>
    public static string SearchPath(string q, int? limit = null, string? cursor = null) =>
        $"/api/search?q={Uri.EscapeDataString(q)}" + (limit is null ? "" : $"&limit={limit}") + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");

    /// <summary>The texts of <paramref name="hits"/>.</summary>
    public static List<string> Texts(this JsonArray hits) => [.. hits.Select(h => h!["text"]!.GetValue<string>())];
}
