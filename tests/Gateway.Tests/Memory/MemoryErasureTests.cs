using System.Net;
using System.Net.Http.Json;
using Orleans.Conversations.Grains.Interfaces.Memory;

namespace Orleans.Conversations.Gateway.Tests.Memory;

/// <summary>Erasing a user erases their memory and nobody else's; deleting a session keeps what it taught unless asked.</summary>
[Collection(ServiceCollection.Name)]
public sealed class MemoryErasureTests(ServiceFixture service)
{
    private static Task<long> EventsOfMemoryAsync(string tenant, string userId) =>
        TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", "usermemory/" + UserMemoryKey.Of(tenant, userId));

    [Fact]
    public async Task erasing_a_user_erases_their_memory_stream_and_leaves_every_other_users_memory_intact()
    {
        var suffix = Guid.NewGuid().ToString("N");
        var users = new[] { ("erase-a", $"ann-{suffix}"), ("erase-a", $"ben-{suffix}"), ("erase-b", $"ann-{suffix}") };
        var clients = new List<HttpClient>();
        foreach (var (tenant, userId) in users)
        {
            var client = service.Secured.ClientWith(await service.NewKeyAsync(tenant, userId));
            clients.Add(client);
            await client.SayAsync(Guid.NewGuid(), $"my name is {userId}");
            await client.WaitForAsync("name", userId);
        }

        foreach (var (tenant, userId) in users)
            Assert.True(await EventsOfMemoryAsync(tenant, userId) > 0);

        using (var erased = await clients[0].DeleteAsync("/api/users/me"))
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);

        Assert.Equal(0, await EventsOfMemoryAsync(users[0].Item1, users[0].Item2));
        Assert.Equal(1, await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.erased_streams WHERE stream_id = $1", "usermemory/" + UserMemoryKey.Of(users[0].Item1, users[0].Item2)));
        Assert.Empty(await clients[0].ItemsAsync());
        for (var i = 1; i < users.Length; i++)
        {
            Assert.True(await EventsOfMemoryAsync(users[i].Item1, users[i].Item2) > 0);
            Assert.Equal(users[i].Item2, Assert.Single(await clients[i].ItemsAsync())!["value"]!.GetValue<string>());
            Assert.Contains(users[i].Item2, (await clients[i].SayAsync(Guid.NewGuid(), "what's my name?")).Reply);
        }

        foreach (var client in clients)
            client.Dispose();
    }

    [Fact]
    public async Task a_user_id_that_comes_back_after_its_erasure_starts_with_a_new_empty_memory_that_learns_again()
    {
        var userId = $"returning-{Guid.NewGuid():N}";
        using var client = service.Secured.ClientWith(await service.NewKeyAsync("erase-c", userId));
        await client.SayAsync(Guid.NewGuid(), "my name is Ada");
        await client.WaitForAsync("name", "Ada");

        using (var erased = await client.DeleteAsync("/api/users/me"))
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Empty(await client.ItemsAsync());

        using (var added = await client.PostAsJsonAsync("/api/memory", new { key = "location", value = "Lisbon" }))
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        await client.SayAsync(Guid.NewGuid(), "call me Grace");
        await client.WaitForAsync("name", "Grace");
        Assert.DoesNotContain(await client.ItemsAsync(), i => i!["value"]!.GetValue<string>() == "Ada");
        Assert.Contains("Grace", (await client.SayAsync(Guid.NewGuid(), "what's my name?")).Reply);
        Assert.Equal(0, await EventsOfMemoryAsync("erase-c", userId));
        Assert.True(await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE stream_id = $1", "usermemory/" + UserMemoryKey.Successor(UserMemoryKey.Of("erase-c", userId))) > 0);

        using (var erasedAgain = await client.DeleteAsync("/api/users/me"))
            Assert.Equal(HttpStatusCode.OK, erasedAgain.StatusCode);
        Assert.Empty(await client.ItemsAsync());
        Assert.Equal(0, await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE stream_id LIKE 'usermemory/%' AND metadata->>'ownerId' = $1", userId));
    }

    [Fact]
    public async Task deleting_a_session_keeps_what_it_taught_unless_asked_to_forget_memories()
    {
        using var client = service.Secured.ClientWith(await service.NewKeyAsync("memory", $"user-{Guid.NewGuid():N}"));
        var kept = Guid.NewGuid();
        var forgotten = Guid.NewGuid();
        await client.SayAsync(kept, "I like tea");
        await client.SayAsync(forgotten, "I like chess");
        await client.SayAsync(forgotten, "I live in Oslo");
        await client.WaitForAsync("location", "Oslo");
        await client.WaitForAsync("likes", "tea");

        using (var bad = await client.DeleteAsync($"/api/sessions/{forgotten}?forgetMemories=yes"))
            await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, "forgetMemories");
        using (var deleted = await client.DeleteAsync($"/api/sessions/{kept}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(3, (await client.ItemsAsync()).Count);

        using (var deleted = await client.DeleteAsync($"/api/sessions/{forgotten}?forgetMemories=true"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(["tea"], (await client.ItemsAsync()).Select(i => i!["value"]!.GetValue<string>()));
    }
}
