using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests;

[Collection(ServiceCollection.Name)]
public sealed class EventFeedApiTests(ServiceFixture service)
{
    [Fact]
    public async Task an_admin_pages_through_every_event_of_the_tenant_exactly_once_in_commit_order()
    {
        var tenant = $"feed-{Guid.NewGuid():N}";
        using var user = service.Secured.ClientWith(await service.NewKeyAsync(tenant, "writer"));
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync(tenant, "root", admin: true));
        using var outsider = service.Secured.ClientWith(await service.NewKeyAsync($"other-{tenant}", "writer"));
        var sessions = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var text in (string[])["my name is Mo", "I like tea", "what do I like?"])
        {
            foreach (var id in sessions)
                (await user.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text })).EnsureSuccessStatusCode();
        }

        (await outsider.PostAsJsonAsync($"/api/sessions/{Guid.NewGuid()}/messages", new { text = "not in the feed" })).EnsureSuccessStatusCode();

        var expected = new List<(Guid, int)>();
        foreach (var id in sessions)
        {
            var count = await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id));
            expected.AddRange(Enumerable.Range(1, (int)count).Select(v => (id, v)));
        }

        // The feed shows a commit once no older transaction on the server (another test's, say) is still running: page on
        // from the last cursor until it has shown as many events as the sessions hold, or for at most 10 s.
        var seen = new List<JsonObject>();
        string? after = null;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var pages = 0; pages < 200; pages++)
        {
            var page = (await admin.GetFromJsonAsync<JsonObject>("/api/events?limit=2" + (after is null ? "" : $"&after={after}")))!;
            var events = page["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
            seen.AddRange(events);
            after = page["next"]!.GetValue<string>();
            if (events.Count == 0)
            {
                if (seen.Count >= expected.Count || waited.Elapsed > TimeSpan.FromSeconds(10))
                    break;
                await Task.Delay(100);
            }
        }

        var got = seen.Select(e => (e["sessionId"]!.GetValue<Guid>(), e["version"]!.GetValue<int>())).ToList();
        Assert.Equal(expected.Order(), got.Order());
        foreach (var id in sessions)
            Assert.Equal(got.Where(e => e.Item1 == id).Select(e => e.Item2).Order(), got.Where(e => e.Item1 == id).Select(e => e.Item2));
        Assert.Equal("SessionStarted", seen[0]["type"]!.GetValue<string>());
        Assert.Equal("my name is Mo", seen.First(e => e["type"]!.GetValue<string>() == "UserMessageReceived")["data"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_deleted_session_leaves_the_feed_with_a_marker_that_names_only_its_tenant_and_id()
    {
        var tenant = $"erased-{Guid.NewGuid():N}";
        using var user = service.Secured.ClientWith(await service.NewKeyAsync(tenant, "writer"));
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync(tenant, "root", admin: true));
        var id = Guid.NewGuid();
        (await user.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "my name is Mo" })).EnsureSuccessStatusCode();
        (await user.DeleteAsync($"/api/sessions/{id}")).EnsureSuccessStatusCode();

        JsonObject? marker = null;
        var events = new List<JsonObject>();
        for (var tries = 0; marker is null && tries < 300; tries++)
        {
            var page = (await admin.GetFromJsonAsync<JsonObject>("/api/events?limit=1000"))!;
            events = [.. page["events"]!.AsArray().Select(e => e!.AsObject())];
            marker = events.FirstOrDefault(e => e["type"]!.GetValue<string>() == "SessionErased");
            await Task.Delay(100);
        }

        Assert.NotNull(marker);
        Assert.Equal(id, marker["sessionId"]!.GetValue<Guid>());
        Assert.Equal(tenant, marker["data"]!["tenant"]!.GetValue<string>());
        Assert.Equal(id, marker["data"]!["sessionId"]!.GetValue<Guid>());
        Assert.Equal(2, marker["data"]!.AsObject().Count);
        Assert.Single(events);
    }

    [Fact]
    public async Task the_feed_follows_live_as_server_sent_events()
    {
        var tenant = $"live-{Guid.NewGuid():N}";
        using var user = service.Secured.ClientWith(await service.NewKeyAsync(tenant, "writer"));
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync(tenant, "root", admin: true));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var stream = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var id = Guid.NewGuid();

        (await user.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "hello live" })).EnsureSuccessStatusCode();
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!lines.Any(l => l.Contains("AssistantReplied", StringComparison.Ordinal) && l.StartsWith("data:", StringComparison.Ordinal)))
            lines.Add(await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the stream ended"));

        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        Assert.Contains(lines, l => l.StartsWith("id: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == "event: SessionStarted");
        Assert.All(lines.Where(l => l.StartsWith("data:", StringComparison.Ordinal)), l => Assert.Contains(id.ToString(), l));
    }

    [Fact]
    public async Task a_reconnecting_stream_resumes_from_its_last_event_id_though_its_url_still_says_after()
    {
        var tenant = $"resume-{Guid.NewGuid():N}";
        using var user = service.Secured.ClientWith(await service.NewKeyAsync(tenant, "writer"));
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync(tenant, "root", admin: true));
        (await user.PostAsJsonAsync($"/api/sessions/{Guid.NewGuid()}/messages", new { text = "my name is Ida" })).EnsureSuccessStatusCode();
        var positions = new List<string>();
        for (var attempt = 0; attempt < 100 && positions.Count < 3; attempt++, await Task.Delay(100))
        {
            var page = (await admin.GetFromJsonAsync<JsonObject>("/api/events?limit=100"))!;
            positions = [.. page["events"]!.AsArray().Select(e => e!["position"]!.GetValue<string>())];
        }

        Assert.True(positions.Count >= 3, "the turn's events reached the feed");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events?after={positions[0]}");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add("Last-Event-ID", positions[^2]);
        using var stream = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? line;
        do
            line = await reader.ReadLineAsync(timeout.Token);
        while (line is not null && !line.StartsWith("id: ", StringComparison.Ordinal));

        Assert.Equal($"id: {positions[^1]}", line);
    }

    [Theory]
    [InlineData("/api/events?after=garbage", "after")]
    [InlineData("/api/events?limit=0", "limit")]
    [InlineData("/api/events?limit=5000", "limit")]
    public async Task bad_feed_requests_get_400_naming_the_field(string path, string field)
    {
        using var response = await service.Http.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task only_admins_read_the_feed()
    {
        using var user = service.Secured.ClientWith(await service.NewKeyAsync("feedless", "writer"));

        using var response = await user.GetAsync("/api/events");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }
}
