using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.Memory;

/// <summary>The routes of <c>/api/memory</c>, their bad input, and that a memory is its user's alone.</summary>
[Collection(ServiceCollection.Name)]
public sealed class MemoryApiTests(ServiceFixture service)
{
    private async Task<HttpClient> NewUserAsync(string tenant = "memory", string? userId = null, bool admin = false) =>
        service.Secured.ClientWith(await service.NewKeyAsync(tenant, userId ?? $"user-{Guid.NewGuid():N}", admin));

    private static async Task<JsonObject> AddAsync(HttpClient client, string key, string value)
    {
        using var response = await client.PostAsJsonAsync("/api/memory", new { key, value });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var item = JsonNode.Parse(body)!.AsObject();
        Assert.Equal($"/api/memory/{item["id"]!.GetValue<string>()}", response.Headers.Location!.OriginalString);
        return item;
    }

    [Fact]
    public async Task items_are_added_corrected_forgotten_one_by_one_and_all_at_once()
    {
        using var client = await NewUserAsync();
        var empty = await client.GetFromJsonAsync<JsonObject>("/api/memory");
        Assert.True(empty!["enabled"]!.GetValue<bool>());
        Assert.Empty(empty["items"]!.AsArray());

        var name = await AddAsync(client, "name", "Ada");
        Assert.Equal("name", name["key"]!.GetValue<string>());
        Assert.Equal("Ada", name["value"]!.GetValue<string>());
        Assert.Null(name["source"]);
        Assert.True(name.ContainsKey("source"));

        // A single-valued key replaces the value it had, keeping its item.
        var renamed = await AddAsync(client, "name", "Grace");
        Assert.Equal(name["id"]!.GetValue<string>(), renamed["id"]!.GetValue<string>());
        var tea = await AddAsync(client, "likes", "tea");
        var chess = await AddAsync(client, "likes", "chess");
        await AddAsync(client, "favorite.color", "green");
        Assert.Equal(["green", "chess", "tea", "Grace"], (await client.ItemsAsync()).Select(i => i!["value"]!.GetValue<string>()));

        using (var corrected = await client.PatchAsJsonAsync($"/api/memory/{tea["id"]}", new { value = "green tea" }))
        {
            Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
            var item = await corrected.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal("green tea", item!["value"]!.GetValue<string>());
            Assert.Equal(tea["id"]!.GetValue<string>(), item["id"]!.GetValue<string>());
        }

        Assert.Contains("green tea", (await client.SayAsync(Guid.NewGuid(), "what do I like?")).Reply);

        using (var forgotten = await client.DeleteAsync($"/api/memory/{chess["id"]}"))
            Assert.Equal(HttpStatusCode.NoContent, forgotten.StatusCode);
        using (var again = await client.DeleteAsync($"/api/memory/{chess["id"]}"))
            await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
        Assert.DoesNotContain(await client.ItemsAsync(), i => i!["value"]!.GetValue<string>() == "chess");

        using (var all = await client.DeleteAsync("/api/memory"))
            Assert.Equal(HttpStatusCode.NoContent, all.StatusCode);
        Assert.Empty(await client.ItemsAsync());
        Assert.DoesNotContain("Grace", (await client.SayAsync(Guid.NewGuid(), "what's my name?")).Reply);
    }

    [Theory]
    [InlineData("{\"key\": \"\", \"value\": \"Ada\"}", "key")]
    [InlineData("{\"value\": \"Ada\"}", "key")]
    [InlineData("{\"key\": 5, \"value\": \"Ada\"}", "key")]
    [InlineData("{\"key\": \"shoe size\", \"value\": \"44\"}", "key")]
    [InlineData("{\"key\": \"favorite.\", \"value\": \"44\"}", "key")]
    [InlineData("{\"key\": \"name\", \"value\": \"\"}", "value")]
    [InlineData("{\"key\": \"name\", \"value\": \"   \"}", "value")]
    [InlineData("{\"key\": \"name\"}", "value")]
    [InlineData("{\"key\": \"name\", \"value\": [\"Ada\"]}", "value")]
    [InlineData("{\"key\": \"name\", \"value\": \"A\\ud800da\"}", "value")]
    [InlineData("{\"key\": \"name\", \"value\": \"A\\u0000da\"}", "value")]
    public async Task a_bad_item_is_refused_naming_the_field(string json, string field)
    {
        using var client = await NewUserAsync();
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/memory", json);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Empty(await client.ItemsAsync());
    }

    [Fact]
    public async Task a_value_over_200_characters_is_refused_and_one_of_200_is_kept_whole()
    {
        using var client = await NewUserAsync();
        using var tooLong = await client.PostAsJsonAsync("/api/memory", new { key = "facts", value = new string('x', 201) });
        await ProblemAssert.IsProblemAsync(tooLong, HttpStatusCode.BadRequest, "value");
        using var longKey = await client.PostAsJsonAsync("/api/memory", new { key = "favorite." + new string('x', 200), value = "x" });
        await ProblemAssert.IsProblemAsync(longKey, HttpStatusCode.BadRequest, "key");

        var item = await AddAsync(client, "facts", new string('x', 200));
        Assert.Equal(200, item["value"]!.GetValue<string>().Length);
        using var patch = await client.PatchAsJsonAsync($"/api/memory/{item["id"]}", new { value = new string('y', 201) });
        await ProblemAssert.IsProblemAsync(patch, HttpStatusCode.BadRequest, "value");
    }

    [Theory]
    [InlineData("{\"enabled\": \"false\"}")]
    [InlineData("{\"enabled\": 0}")]
    [InlineData("{\"enabled\": null}")]
    [InlineData("{}")]
    public async Task a_switch_that_is_not_a_boolean_is_refused(string json)
    {
        using var client = await NewUserAsync();
        using var response = await client.SendJsonAsync(HttpMethod.Patch, "/api/memory", json);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "enabled");
    }

    [Fact]
    public async Task an_unknown_item_id_is_not_found()
    {
        using var client = await NewUserAsync();
        using var patch = await client.PatchAsJsonAsync("/api/memory/no-such-item", new { value = "x" });
        await ProblemAssert.IsProblemAsync(patch, HttpStatusCode.NotFound);
        using var delete = await client.DeleteAsync("/api/memory/no-such-item");
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task another_user_another_tenant_and_an_admin_see_nothing_of_a_memory_and_get_404_on_its_items()
    {
        var userId = $"alice-{Guid.NewGuid():N}";
        using var owner = await NewUserAsync("acme-memory", userId);
        var item = await AddAsync(owner, "name", "Alice");
        var id = item["id"]!.GetValue<string>();

        using var bob = await NewUserAsync("acme-memory");
        using var sameNameElsewhere = await NewUserAsync("globex-memory", userId);
        using var admin = await NewUserAsync("acme-memory", admin: true);
        foreach (var other in new[] { bob, sameNameElsewhere, admin })
        {
            Assert.Empty(await other.ItemsAsync());
            using (var patch = await other.PatchAsJsonAsync($"/api/memory/{id}", new { value = "Mallory" }))
                await ProblemAssert.IsProblemAsync(patch, HttpStatusCode.NotFound);
            using (var delete = await other.DeleteAsync($"/api/memory/{id}"))
                await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound);
            using (var all = await other.DeleteAsync("/api/memory"))
                Assert.Equal(HttpStatusCode.NoContent, all.StatusCode);
            Assert.DoesNotContain("Alice", (await other.SayAsync(Guid.NewGuid(), "what's my name?")).Reply);
        }

        var items = await owner.ItemsAsync();
        Assert.Equal("Alice", Assert.Single(items)!["value"]!.GetValue<string>());
    }
}
