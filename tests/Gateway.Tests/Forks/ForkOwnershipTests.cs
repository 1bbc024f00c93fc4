using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Conversations.Gateway.Tests.Memory;

namespace Orleans.Conversations.Gateway.Tests.Forks;

[Collection(ServiceCollection.Name)]
public sealed class ForkOwnershipTests(ServiceFixture service)
{
    [Fact]
    public async Task someone_elses_session_cannot_be_forked_edited_regenerated_or_have_its_forks_listed()
    {
        var user = $"fork-owner-{Guid.NewGuid():N}";
        using var owner = service.Secured.ClientWith(await service.NewKeyAsync("acme", user));
        using var stranger = service.SecuredB.ClientWith(await service.NewKeyAsync("acme", $"stranger-{Guid.NewGuid():N}"));
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync("acme", $"admin-{Guid.NewGuid():N}", admin: true));
        var parent = Guid.NewGuid();
        await owner.SayAsync(parent, "My name is Ada");
        var messageId = await owner.MessageIdAsync(parent, 0);
        var events = await TestDatabase.EventTypesAsync(parent);

        foreach (var client in (HttpClient[])[stranger, admin])
        {
            using var fork = await client.PostAsJsonAsync($"/api/sessions/{parent}/fork", new { version = 1 });
            using var edit = await client.PostAsJsonAsync($"/api/sessions/{parent}/messages/{messageId}/edit", new { text = "My name is Eve" });
            using var regenerate = await client.PostAsync($"/api/sessions/{parent}/messages/{messageId}/regenerate", null);
            await ProblemAssert.IsProblemAsync(fork, HttpStatusCode.NotFound);
            await ProblemAssert.IsProblemAsync(edit, HttpStatusCode.NotFound);
            await ProblemAssert.IsProblemAsync(regenerate, HttpStatusCode.NotFound);
            Assert.DoesNotContain("Ada", await edit.Content.ReadAsStringAsync());
        }

        using var strangerForks = await stranger.GetAsync($"/api/sessions/{parent}/forks");
        Assert.Equal(HttpStatusCode.NotFound, strangerForks.StatusCode);
        Assert.Equal(events, await TestDatabase.EventTypesAsync(parent));
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE event_type = 'SessionForked' AND data->'forkedFrom'->>'sessionId' = $1", parent.ToString()));
    }

    [Fact]
    public async Task a_fork_belongs_to_the_parents_owner_and_erasing_the_user_erases_every_fork()
    {
        var user = $"fork-eraser-{Guid.NewGuid():N}";
        using var owner = service.Secured.ClientWith(await service.NewKeyAsync("acme", user));
        var parent = Guid.NewGuid();
        await owner.SayAsync(parent, "My name is Ada");
        var fork = (await owner.ForkAsync(parent))["sessionId"]!.GetValue<Guid>();
        var edit = (await owner.PostOkAsync($"/api/sessions/{parent}/messages/{await owner.MessageIdAsync(parent, 0)}/edit", new { text = "My name is Grace" }))["sessionId"]!.GetValue<Guid>();
        var forkOfFork = (await owner.ForkAsync(edit))["sessionId"]!.GetValue<Guid>();
        Guid[] sessions = [parent, fork, edit, forkOfFork];
        var streams = sessions.Select(TestDatabase.StreamOf).ToArray();
        Assert.Equal(user, await TestDatabase.ScalarAsync<string>(
            "SELECT metadata->>'ownerId' FROM eventstore.events WHERE stream_id = $1 AND version = 1", TestDatabase.StreamOf(forkOfFork)));

        var erased = await owner.DeleteFromJsonAsync<JsonObject>("/api/users/me");

        Assert.Equal(4, erased!["deletedSessions"]!.GetValue<int>());
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE stream_id = ANY($1)", (object)streams));
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.snapshots WHERE stream_id = ANY($1)", (object)streams));
        foreach (var id in sessions)
        {
            using var read = await owner.GetAsync($"/api/sessions/{id}");
            Assert.Contains(read.StatusCode, (HttpStatusCode[])[HttpStatusCode.NotFound, HttpStatusCode.Gone]);
        }
    }

    [Fact]
    public async Task a_fork_of_a_temporary_session_is_temporary()
    {
        using var owner = service.Secured.ClientWith(await service.NewKeyAsync("acme", $"fork-temporary-{Guid.NewGuid():N}"));
        var parent = await owner.StartAsync(new { memory = "off" });
        await owner.SayAsync(parent, "My name is Ada");

        var fork = (await owner.ForkAsync(parent))["sessionId"]!.GetValue<Guid>();
        await owner.SayAsync(fork, "I live in Lisbon");

        Assert.Equal("off", (await owner.StateAsync(fork))["memory"]!.GetValue<string>());
        Assert.Equal("off", await TestDatabase.ScalarAsync<string>(
            "SELECT string_agg(DISTINCT metadata->>'memory', ',') FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(fork)));
        await Task.Delay(1000);
        Assert.Empty(await owner.ItemsAsync());
    }

    [Fact]
    public async Task what_is_said_in_a_fork_reaches_the_memory_once_and_the_inherited_context_is_not_learned_again()
    {
        using var owner = service.Secured.ClientWith(await service.NewKeyAsync("acme", $"fork-memory-{Guid.NewGuid():N}"));
        var parent = Guid.NewGuid();
        await owner.SayAsync(parent, "My name is Ada");
        await owner.WaitForAsync("name", "Ada");

        var fork = (await owner.ForkAsync(parent))["sessionId"]!.GetValue<Guid>();
        await owner.SayAsync(fork, "I live in Lisbon");
        await owner.WaitForAsync("location", "Lisbon");
        await Task.Delay(500);

        var items = await owner.ItemsAsync();
        Assert.Equal(2, items.Count);
        Assert.Equal(parent, items.Single(i => i!["key"]!.GetValue<string>() == "name")!["source"]!["sessionId"]!.GetValue<Guid>());
        Assert.Equal(fork, items.Single(i => i!["key"]!.GetValue<string>() == "location")!["source"]!["sessionId"]!.GetValue<Guid>());
        Assert.Contains("Lisbon", (await owner.SayAsync(Guid.NewGuid(), "Where do I live?")).Reply);
    }
}
