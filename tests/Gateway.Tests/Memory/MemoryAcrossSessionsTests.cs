using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.Memory;

/// <summary>What one session learns reaches the user's memory and the user's other sessions, over real HTTP.</summary>
[Collection(ServiceCollection.Name)]
public sealed class MemoryAcrossSessionsTests(ServiceFixture service)
{
    private async Task<HttpClient> NewUserAsync(string tenant = "memory") =>
        service.Secured.ClientWith(await service.NewKeyAsync(tenant, $"user-{Guid.NewGuid():N}"));

    [Fact]
    public async Task a_name_told_in_one_session_is_in_the_memory_within_a_second_with_its_source_and_a_new_session_knows_it()
    {
        using var client = await NewUserAsync();
        var first = Guid.NewGuid();
        var (_, version) = await client.SayAsync(first, "my name is Ada");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var item = await client.WaitForAsync("name", "Ada");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"in the memory after {clock.Elapsed}");
        Assert.Equal(first, item["source"]!["sessionId"]!.GetValue<Guid>());
        // The turn's events are the message, what it taught, then the reply: the name is the event before the reply.
        Assert.Equal(version - 1, item["source"]!["version"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(item["id"]!.GetValue<string>()));
        Assert.True(item["learnedAt"]!.GetValue<DateTime>() > DateTime.UtcNow.AddMinutes(-1));

        var second = Guid.NewGuid();
        Assert.Contains("Ada", (await client.SayAsync(second, "what's my name?")).Reply);
        Assert.Contains("Ada", (await client.SayAsync(second, "what do you know about me?")).Reply);
        // The session shows its own context: the memory is not copied into it.
        var view = await client.GetFromJsonAsync<JsonObject>($"/api/sessions/{second}");
        Assert.False(view!["context"]!.AsObject().ContainsKey("name"));
        Assert.Equal("on", view["memory"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_later_statement_in_another_session_wins_also_in_the_session_that_heard_the_earlier_one()
    {
        using var client = await NewUserAsync();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await client.SayAsync(a, "my name is Ada");
        await client.WaitForAsync("name", "Ada");

        await client.SayAsync(b, "call me Grace");
        await client.WaitForAsync("name", "Grace");

        var reply = (await client.SayAsync(a, "what's my name?")).Reply;
        Assert.Contains("Grace", reply);
        Assert.DoesNotContain("Ada", reply);
        Assert.Single(await client.ItemsAsync(), i => i!["key"]!.GetValue<string>() == "name");
    }

    [Fact]
    public async Task forget_my_name_in_a_session_that_knew_it_only_from_the_memory_forgets_it_in_the_memory()
    {
        using var client = await NewUserAsync();
        await client.SayAsync(Guid.NewGuid(), "my name is Ada");
        await client.WaitForAsync("name", "Ada");

        var other = Guid.NewGuid();
        await client.SayAsync(other, "forget my name");
        await client.WaitUntilNoneAsync("name");

        Assert.DoesNotContain("Ada", (await client.SayAsync(Guid.NewGuid(), "what's my name?")).Reply);
        Assert.DoesNotContain("Ada", (await client.SayAsync(other, "what's my name?")).Reply);
    }

    [Fact]
    public async Task a_list_key_has_one_item_per_value_and_what_you_know_about_me_lists_them_all()
    {
        using var client = await NewUserAsync();
        var session = Guid.NewGuid();
        await client.SayAsync(session, "I like tea");
        await client.SayAsync(session, "I like chess");
        await client.SayAsync(session, "I live in Lisbon");
        await client.WaitForAsync("location", "Lisbon");
        await client.WaitForAsync("likes", "chess");

        var items = await client.ItemsAsync();
        Assert.Equal(["Lisbon", "chess", "tea"], items.Select(i => i!["value"]!.GetValue<string>()));
        var known = (await client.SayAsync(Guid.NewGuid(), "what do you know about me?")).Reply;
        Assert.Contains("tea", known);
        Assert.Contains("chess", known);
        Assert.Contains("Lisbon", known);
    }

    [Fact]
    public async Task a_temporary_session_neither_reads_nor_writes_the_memory()
    {
        using var client = await NewUserAsync();
        await client.SayAsync(Guid.NewGuid(), "my name is Ada");
        await client.WaitForAsync("name", "Ada");

        var temporary = await client.StartAsync(new { memory = "off" });
        Assert.DoesNotContain("Ada", (await client.SayAsync(temporary, "what's my name?")).Reply);
        await client.SayAsync(temporary, "I live in Oslo");
        Assert.Equal("off", (await client.GetFromJsonAsync<JsonObject>($"/api/sessions/{temporary}"))!["memory"]!.GetValue<string>());

        // Written after the temporary session's fact: once it is in the memory, the fact would have been too.
        await client.SayAsync(Guid.NewGuid(), "I like tea");
        await client.WaitForAsync("likes", "tea");
        Assert.DoesNotContain(await client.ItemsAsync(), i => i!["key"]!.GetValue<string>() == "location");
        Assert.Equal("on", (await client.GetFromJsonAsync<JsonObject>($"/api/sessions/{await client.StartAsync(new { memory = "on" })}"))!["memory"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"memory\": \"maybe\"}")]
    [InlineData("{\"memory\": true}")]
    [InlineData("{\"memory\": \"\"}")]
    public async Task a_memory_setting_other_than_on_or_off_is_refused(string json)
    {
        using var client = await NewUserAsync();
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/sessions", json);
        await ProblemAssert.IsProblemAsync(response, System.Net.HttpStatusCode.BadRequest, "memory");
    }

    [Fact]
    public async Task memory_switched_off_is_neither_read_nor_written_and_its_items_stay_listed()
    {
        using var client = await NewUserAsync();
        await client.SayAsync(Guid.NewGuid(), "my name is Ada");
        await client.WaitForAsync("name", "Ada");

        using (var off = await client.PatchAsJsonAsync("/api/memory", new { enabled = false }))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, off.StatusCode);
            Assert.False((await off.Content.ReadFromJsonAsync<JsonObject>())!["enabled"]!.GetValue<bool>());
        }

        Assert.DoesNotContain("Ada", (await client.SayAsync(Guid.NewGuid(), "what's my name?")).Reply);
        await client.SayAsync(Guid.NewGuid(), "I live in Oslo");
        var memory = await client.GetFromJsonAsync<JsonObject>("/api/memory");
        Assert.False(memory!["enabled"]!.GetValue<bool>());
        Assert.Single(memory["items"]!.AsArray());

        using (var on = await client.PatchAsJsonAsync("/api/memory", new { enabled = true }))
            Assert.True((await on.Content.ReadFromJsonAsync<JsonObject>())!["enabled"]!.GetValue<bool>());
        await client.SayAsync(Guid.NewGuid(), "I like tea");
        await client.WaitForAsync("likes", "tea");
        Assert.DoesNotContain(await client.ItemsAsync(), i => i!["key"]!.GetValue<string>() == "location");
        Assert.Contains("Ada", (await client.SayAsync(Guid.NewGuid(), "what's my name?")).Reply);
    }

    [Fact]
    public async Task the_openai_compatible_route_uses_the_same_memory()
    {
        using var client = await NewUserAsync();
        await client.SayAsync(Guid.NewGuid(), "my name is Ada");
        await client.WaitForAsync("name", "Ada");

        using var response = await client.PostAsJsonAsync("/v1/chat/completions",
            new { model = "embedded", messages = new[] { new { role = "user", content = "what's my name?" } } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains("Ada", JsonNode.Parse(body)!["choices"]![0]!["message"]!["content"]!.GetValue<string>());

        using var told = await client.PostAsJsonAsync("/v1/chat/completions",
            new { model = "embedded", messages = new[] { new { role = "user", content = "I live in Porto" } } });
        Assert.True(told.IsSuccessStatusCode);
        await client.WaitForAsync("location", "Porto");
    }
}
