using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests;

[Collection(ServiceCollection.Name)]
public sealed class LifecycleTests(ServiceFixture service)
{
    [Fact]
    public async Task the_list_shows_the_callers_sessions_newest_activity_first_a_page_at_a_time()
    {
        using var dana = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", $"dana-{Guid.NewGuid():N}"));
        using var other = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", $"eve-{Guid.NewGuid():N}"));
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Guid.NewGuid());
            await PostAsync(dana, ids[^1], $"conversation number {i}");
        }

        await PostAsync(other, Guid.NewGuid(), "not dana's");
        await PostAsync(dana, ids[0], "the first one is the newest now");

        // The list is a projection: wait until it has applied the last message too, not only the five sessions.
        var listed = await ListAllAsync(dana, pageSize: 2, expected: 5, settled: l => l[0]["messageCount"]!.GetValue<int>() == 2);

        Assert.Equal([ids[0], ids[4], ids[3], ids[2], ids[1]], listed.Select(s => s["sessionId"]!.GetValue<Guid>()));
        Assert.Equal("conversation number 3", listed[2]["title"]!.GetValue<string>());
        Assert.Equal(2, listed[0]["messageCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task a_turn_shows_in_the_list_within_a_second_or_so_of_its_reply()
    {
        using var client = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", $"fay-{Guid.NewGuid():N}"));
        var id = Guid.NewGuid();
        await PostAsync(client, id, "hello");
        await ListAllAsync(client, 50, expected: 1);

        await PostAsync(client, id, "hello again");
        var clock = Stopwatch.StartNew();
        while ((await ListAllAsync(client, 50, expected: 1))[0]["messageCount"]!.GetValue<int>() != 2)
            await Task.Delay(20);

        // The contract's second, and one more for this machine, where other test assemblies hold write transactions
        // open on purpose and the list waits for them to end.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"visible after {clock.Elapsed}");
    }

    [Fact]
    public async Task renaming_records_an_event_and_shows_in_the_session_and_the_list()
    {
        using var client = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", $"gus-{Guid.NewGuid():N}"));
        var id = Guid.NewGuid();
        await PostAsync(client, id, "Plan a trip to Lisbon in May, with a day in Sintra and a night of fado");

        var before = await client.GetFromJsonAsync<JsonObject>($"/api/sessions/{id}");
        using var renamed = await client.PatchAsJsonAsync($"/api/sessions/{id}", new { title = "Lisbon 🇵🇹" });
        var after = await client.GetFromJsonAsync<JsonObject>($"/api/sessions/{id}");

        Assert.StartsWith("Plan a trip to Lisbon", before!["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Lisbon 🇵🇹", after!["title"]!.GetValue<string>());
        Assert.EndsWith(",SessionRenamed", await TestDatabase.EventTypesAsync(id));
        var clock = Stopwatch.StartNew();
        while ((await ListAllAsync(client, 50, expected: 1))[0]["title"]!.GetValue<string>() != "Lisbon 🇵🇹")
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the new title never showed in the list");
            await Task.Delay(50);
        }
    }

    [Theory]
    [InlineData("GET", "/api/sessions?cursor=not-a-cursor", null, "cursor")]
    [InlineData("GET", "/api/sessions?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null, "cursor")]
    [InlineData("GET", "/api/sessions?limit=0", null, "limit")]
    [InlineData("GET", "/api/sessions?limit=100000", null, "limit")]
    [InlineData("PATCH", "/api/sessions/{id}", "{\"title\": \"\"}", "title")]
    [InlineData("PATCH", "/api/sessions/{id}", "{\"title\": \"   \"}", "title")]
    [InlineData("PATCH", "/api/sessions/{id}", "{}", "title")]
    [InlineData("PATCH", "/api/sessions/{id}", "{\"title\": \"a\\u0000b\"}", "title")]
    [InlineData("PATCH", "/api/sessions/{id}", "LONG", "title")]
    public async Task bad_lifecycle_requests_get_400_naming_the_field(string method, string path, string? body, string field)
    {
        var id = Guid.NewGuid();
        await service.SendAsync(id, "hello");
        var json = body == "LONG" ? $"{{\"title\": \"{new string('x', 201)}\"}}" : body;
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id.ToString()));
        if (json is not null)
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await service.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.DoesNotContain("SessionRenamed", await TestDatabase.EventTypesAsync(id));
    }

    [Fact]
    public async Task a_deleted_session_is_gone_from_every_table_and_every_route_for_everyone()
    {
        using var owner = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", "hal"));
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", "root", admin: true));
        var id = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
            await PostAsync(owner, id, $"my name is Hal and this is message {i}");
        await WaitListedAsync(id);

        using var deleted = await owner.DeleteAsync($"/api/sessions/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id)));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM eventstore.snapshots WHERE stream_id = $1", TestDatabase.StreamOf(id)));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM session_list.sessions WHERE session_id = $1", id));
        foreach (var client in (HttpClient[])[owner, admin])
        {
            foreach (var request in AllRoutes(id))
            {
                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone,
                    $"{request.Method} {request.RequestUri}: {(int)response.StatusCode}");
            }
        }

        await Task.Delay(500);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id)));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM session_list.sessions WHERE session_id = $1", id));
    }

    [Fact]
    public async Task deleting_someone_elses_session_answers_404_and_deletes_nothing_even_for_an_admin_of_its_tenant()
    {
        using var owner = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", "ida"));
        using var stranger = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", "jon"));
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", "root", admin: true));
        using var otherAdmin = service.Secured.ClientWith(await service.NewKeyAsync("elsewhere", "root", admin: true));
        var id = Guid.NewGuid();
        await PostAsync(owner, id, "hello");

        using var byStranger = await stranger.DeleteAsync($"/api/sessions/{id}");
        using var byAdmin = await admin.DeleteAsync($"/api/sessions/{id}");
        using var byOtherAdmin = await otherAdmin.DeleteAsync($"/api/sessions/{id}");

        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOtherAdmin.StatusCode);
        Assert.Equal(3L, await CountAsync("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id)));
    }

    [Fact]
    public async Task an_admin_erases_every_session_of_a_user_and_users_erase_themselves()
    {
        var kim = $"kim-{Guid.NewGuid():N}";
        using var user = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", kim));
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", "root", admin: true));
        using var plain = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", "lou"));
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
            await PostAsync(user, id, "remember that I like jazz");
        foreach (var id in ids)
            await WaitListedAsync(id);

        using var refused = await plain.DeleteAsync($"/api/users/{kim}");
        using var erased = await admin.DeleteAsync($"/api/users/{kim}");
        using var again = await user.DeleteAsync("/api/users/me");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(3, JsonNode.Parse(await erased.Content.ReadAsStringAsync())!["deletedSessions"]!.GetValue<int>());
        Assert.Equal(0, JsonNode.Parse(await again.Content.ReadAsStringAsync())!["deletedSessions"]!.GetValue<int>());
        foreach (var id in ids)
            Assert.Equal(0L, await CountAsync("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id)));
    }

    [Trait(FeedHolding.Trait, FeedHolding.TheFeed)]
    [Fact]
    public async Task erasing_a_user_finds_every_session_in_the_event_store_whatever_the_list_has_seen_and_leaves_others_whole()
    {
        var nia = $"nia-{Guid.NewGuid():N}";
        using var user = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", nia));
        using var neighbour = service.Secured.ClientWith(await service.NewKeyAsync("lifecycle", $"oto-{Guid.NewGuid():N}"));
        var neighbours = Guid.NewGuid();
        await PostAsync(neighbour, neighbours, "my name is Oto");
        var neighbourEvents = await CountAsync("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(neighbours));
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();

        HttpResponseMessage erased;
        // A transaction that holds an id keeps the event feed, and so the session list, from moving.
        await using (var held = new Npgsql.NpgsqlConnection(await TestDatabase.GetConnectionStringAsync()))
        {
            await held.OpenAsync();
            await using var transaction = await held.BeginTransactionAsync();
            await using (var xid = new Npgsql.NpgsqlCommand("SELECT pg_current_xact_id()", held, transaction))
                await xid.ExecuteScalarAsync();
            foreach (var id in ids)
                await PostAsync(user, id, "my name is Nia and I like long walks");
            erased = await user.DeleteAsync("/api/users/me");
        }

        using (erased)
        {
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
            Assert.Equal(ids.Count, JsonNode.Parse(await erased.Content.ReadAsStringAsync())!["deletedSessions"]!.GetValue<int>());
        }

        foreach (var id in ids)
        {
            using var read = await user.GetAsync($"/api/sessions/{id}");
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
            Assert.Equal(0L, await CountAsync("SELECT count(*) FROM eventstore.snapshots WHERE stream_id = $1", TestDatabase.StreamOf(id)));
        }

        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM eventstore.events WHERE metadata->>'ownerId' = $1", nia));
        await Task.Delay(1000);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM session_list.sessions WHERE owner = $1", nia));
        Assert.Equal(neighbourEvents, await CountAsync("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(neighbours)));
        await WaitListedAsync(neighbours);
    }

    private static IEnumerable<HttpRequestMessage> AllRoutes(Guid id) =>
    [
        new(HttpMethod.Get, $"/api/sessions/{id}"),
        new(HttpMethod.Get, $"/api/sessions/{id}/events"),
        new(HttpMethod.Get, $"/api/sessions/{id}/state?version=1"),
        new(HttpMethod.Post, $"/api/sessions/{id}/messages") { Content = JsonContent.Create(new { text = "am I back?" }) },
        new(HttpMethod.Post, "/message") { Content = JsonContent.Create(new { session_id = id, text = "am I back?" }) },
        new(HttpMethod.Patch, $"/api/sessions/{id}") { Content = JsonContent.Create(new { title = "back" }) },
        new(HttpMethod.Delete, $"/api/sessions/{id}"),
    ];

    private static async Task PostAsync(HttpClient client, Guid id, string text)
    {
        using var response = await client.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<JsonObject>> ListAllAsync(HttpClient client, int pageSize, int expected, Func<List<JsonObject>, bool>? settled = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var sessions = new List<JsonObject>();
            string? cursor = null;
            do
            {
                var page = (await client.GetFromJsonAsync<JsonObject>($"/api/sessions?limit={pageSize}" + (cursor is null ? "" : $"&cursor={cursor}")))!;
                sessions.AddRange(page["sessions"]!.AsArray().Select(s => s!.AsObject()));
                cursor = page["next"]?.GetValue<string>();
            }
            while (cursor is not null);

            if (sessions.Count >= expected && (settled is null || settled(sessions)) || clock.Elapsed > TimeSpan.FromSeconds(30))
                return sessions;
            await Task.Delay(20);
        }
    }

    private static async Task WaitListedAsync(Guid id)
    {
        var clock = Stopwatch.StartNew();
        while (await CountAsync("SELECT count(*) FROM session_list.sessions WHERE session_id = $1", id) == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"session {id} never reached the list");
            await Task.Delay(20);
        }
    }

    private static Task<long> CountAsync(string sql, object parameter) => TestDatabase.ScalarAsync<long>(sql, parameter);
}
