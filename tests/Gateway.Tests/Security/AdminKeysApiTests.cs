using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.Security;

[Collection(ServiceCollection.Name)]
public sealed class AdminKeysApiTests(ServiceFixture service)
{
    [Fact]
    public async Task an_admin_creates_a_key_that_is_shown_once_and_works_at_once()
    {
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync("initech", "boss", admin: true));

        using var created = await admin.PostAsJsonAsync("/api/admin/keys", new { userId = "peter" });
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var key = body["key"]!.GetValue<string>();
        using var list = await admin.GetAsync("/api/admin/keys");
        var listed = await list.Content.ReadAsStringAsync();
        using var peter = service.SecuredB.ClientWith(key);
        using var session = await peter.PostAsJsonAsync("/api/sessions", new { });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/admin/keys/{body["id"]}", created.Headers.Location?.ToString());
        Assert.Equal("initech", body["tenant"]!.GetValue<string>());
        Assert.False(body["admin"]!.GetValue<bool>());
        Assert.StartsWith("ock_", key);
        Assert.Contains(body["id"]!.GetValue<string>(), listed);
        Assert.DoesNotContain(key, listed);
        Assert.DoesNotContain(key[^20..], listed);
        Assert.Equal(HttpStatusCode.Created, session.StatusCode);
    }

    [Fact]
    public async Task a_revoked_key_is_refused_by_every_gateway_within_five_seconds()
    {
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync("initech", "boss", admin: true));
        using var created = await admin.PostAsJsonAsync("/api/admin/keys", new { userId = "milton" });
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        using var milton = service.SecuredB.ClientWith(body["key"]!.GetValue<string>());
        using (var before = await milton.PostAsJsonAsync("/api/sessions", new { }))
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);

        using var revoked = await admin.DeleteAsync($"/api/admin/keys/{body["id"]}");
        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        TimeSpan refusedProbeSentAt;
        do
        {
            await Task.Delay(200);
            refusedProbeSentAt = clock.Elapsed;
            using var probe = await milton.GetAsync("/api/sessions");
            status = probe.StatusCode;
        }
        while (status != HttpStatusCode.Unauthorized && clock.Elapsed < TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(refusedProbeSentAt < TimeSpan.FromSeconds(5), $"refused a request sent {refusedProbeSentAt} after the revocation");
    }

    [Fact]
    public async Task a_user_who_is_not_an_admin_gets_403_on_the_admin_routes()
    {
        using var user = service.Secured.ClientWith(await service.NewKeyAsync("initech", "samir"));

        using var create = await user.PostAsJsonAsync("/api/admin/keys", new { userId = "samir", admin = true });
        using var list = await user.GetAsync("/api/admin/keys");

        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(list, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_admin_neither_sees_nor_revokes_nor_issues_keys_of_another_tenant()
    {
        var (otherId, _) = await IssueAsync("umbrella", "alice");
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync("initech", "boss", admin: true));

        using var list = await admin.GetAsync("/api/admin/keys");
        using var revoke = await admin.DeleteAsync($"/api/admin/keys/{otherId}");
        using var create = await admin.PostAsJsonAsync("/api/admin/keys", new { userId = "x", tenant = "umbrella" });

        Assert.DoesNotContain(otherId, await list.Content.ReadAsStringAsync());
        await ProblemAssert.IsProblemAsync(revoke, HttpStatusCode.NotFound, "id");
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.Forbidden, "tenant");
        Assert.Null((await service.Keys.ListAsync("umbrella")).Single(k => k.Id == otherId).RevokedAt);
    }

    [Theory]
    [InlineData("{}", "userId")]
    [InlineData("{\"userId\": \"\"}", "userId")]
    [InlineData("{\"userId\": \"has space\"}", "userId")]
    [InlineData("{\"userId\": 5}", "userId")]
    public async Task a_bad_key_request_gets_400_naming_the_field(string json, string field)
    {
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync("initech", "boss", admin: true));

        using var response = await admin.PostAsync("/api/admin/keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task no_key_ever_reaches_the_gateways_logs()
    {
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync("initech", "boss", admin: true));
        using var created = await admin.PostAsJsonAsync("/api/admin/keys", new { userId = "bill" });
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var key = body["key"]!.GetValue<string>();
        using var bill = service.Secured.ClientWith(key);
        using (await bill.GetAsync($"/api/sessions/{Guid.NewGuid()}"))
        using (await admin.DeleteAsync($"/api/admin/keys/{body["id"]}"))
        using (var wrongSecret = service.Secured.ClientWith(key[..^1] + (key[^1] == 'a' ? 'b' : 'a')))
        using (await wrongSecret.GetAsync("/api/sessions/x"))
        {
        }

        var secret = key[(key.LastIndexOf('_') + 1)..];
        Assert.NotEmpty(service.Secured.Logs.Entries);
        Assert.DoesNotContain(service.Secured.Logs.Entries, e => e.Message.Contains(secret[..20], StringComparison.Ordinal));
    }

    private async Task<(string Id, string Key)> IssueAsync(string tenant, string user)
    {
        var issued = await service.Keys.CreateAsync(tenant, user, false, "tests");
        return (issued.Record.Id, issued.Key);
    }
}
