using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Conversations.Access;

namespace Orleans.Conversations.Gateway.Tests.Security;

/// <summary>
/// Every route of a session, tried by every kind of caller against a session that alice of tenant acme owns. (Who may
/// delete a session is decided and tested with the deletion routes.)
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class AccessMatrixTests(ServiceFixture service)
{
    public enum Expect
    {
        Unauthorized,
        NotFound,
        ReadsOnly,
        Everything,
    }

    [Theory]
    [InlineData("anonymous", Expect.Unauthorized)]
    [InlineData("an empty bearer credential", Expect.Unauthorized)]
    [InlineData("malformed key", Expect.Unauthorized)]
    [InlineData("unknown key", Expect.Unauthorized)]
    [InlineData("a known key id with another secret", Expect.Unauthorized)]
    [InlineData("revoked key", Expect.Unauthorized)]
    [InlineData("expired token", Expect.Unauthorized)]
    [InlineData("token for another audience", Expect.Unauthorized)]
    [InlineData("token with a forged signature", Expect.Unauthorized)]
    [InlineData("another user of the tenant", Expect.NotFound)]
    [InlineData("a user of another tenant", Expect.NotFound)]
    [InlineData("an admin of another tenant", Expect.NotFound)]
    [InlineData("an admin of the tenant", Expect.ReadsOnly)]
    [InlineData("the owner's key", Expect.Everything)]
    [InlineData("the owner's token", Expect.Everything)]
    public async Task each_route_answers_each_caller_as_the_contract_says(string caller, Expect expected)
    {
        using var owner = service.Secured.ClientWith(await service.NewKeyAsync("acme", "alice"));
        var id = Guid.NewGuid();
        await SendOkAsync(owner, id, "my name is Alice and I like tea", TurnId);
        using var client = service.Secured.ClientWith(await CredentialAsync(caller));
        var socketCredential = await CredentialAsync(caller);
        var other = Guid.NewGuid();
        foreach (var ((route, isWrite, ownerStatus, openAi), (sameRouteElsewhere, _, _, _)) in Routes(id).Zip(Routes(other)))
        {
            // What the owner hears from the same route of a session that never existed: a read must not tell them apart.
            var neverExisted = isWrite ? null : Normalise(await ReadNotFoundAsync(owner, sameRouteElsewhere()), other);
            var eventsBefore = await EventCountAsync(id);
            using var response = await client.SendAsync(route());
            var body = await response.Content.ReadAsStringAsync();
            var what = $"{caller}: {response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery} -> {(int)response.StatusCode} {body}";

            switch (expected)
            {
                case Expect.Unauthorized:
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, what);
                    Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
                    if (!openAi)
                    {
                        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                        Assert.Equal("Authorization", JsonNode.Parse(body)!["field"]!.GetValue<string>());
                    }

                    break;
                case Expect.NotFound:
                case Expect.ReadsOnly when isWrite:
                    Assert.True(response.StatusCode == HttpStatusCode.NotFound, what);
                    if (!isWrite)
                        Assert.Equal(neverExisted, Normalise(body, id));
                    break;
                default:
                    if (ownerStatus is { } status && expected == Expect.Everything)
                        Assert.True(response.StatusCode == status, what);
                    else
                        Assert.True(response.IsSuccessStatusCode, what);
                    break;
            }

            if (expected != Expect.Everything)
                Assert.Equal(eventsBefore, await EventCountAsync(id));
        }

        var eventsBeforeSocket = await EventCountAsync(id);
        var (socket, upgrade) = await Sockets.TryOpenAsync(service.Secured, id, socketCredential);
        using (socket)
        {
            var socketWhat = $"{caller}: WebSocket upgrade -> {(int)upgrade}";
            switch (expected)
            {
                case Expect.Unauthorized:
                    Assert.True(upgrade == HttpStatusCode.Unauthorized && socket is null, socketWhat);
                    break;
                case Expect.NotFound or Expect.ReadsOnly:
                    Assert.True(upgrade == HttpStatusCode.NotFound && socket is null, socketWhat);
                    break;
                default:
                    Assert.True(socket is not null, socketWhat);
                    await Sockets.SendAsync(socket, "I like cake");
                    Assert.Equal("turn.completed", (await Sockets.ReceiveTurnAsync(socket))[^1]["type"]!.GetValue<string>());
                    break;
            }
        }

        if (expected != Expect.Everything)
            Assert.Equal(eventsBeforeSocket, await EventCountAsync(id));

        using var creating = await client.PostAsJsonAsync("/api/sessions", new { });
        Assert.Equal(expected == Expect.Unauthorized ? HttpStatusCode.Unauthorized : HttpStatusCode.Created, creating.StatusCode);
    }

    private const string TurnId = "matrix-turn-1";

    /// <summary>The session's routes: the request, whether it writes, the owner's status when not a 2xx, and whether it is OpenAI's.</summary>
    private static IEnumerable<(Func<HttpRequestMessage> Request, bool IsWrite, HttpStatusCode? OwnerStatus, bool OpenAi)> Routes(Guid id) =>
    [
        (() => new(HttpMethod.Post, $"/api/sessions/{id}/messages") { Content = JsonContent.Create(new { text = "I like coffee" }) }, true, null, false),
        (() => new(HttpMethod.Post, "/message") { Content = JsonContent.Create(new { session_id = id, text = "I like coffee" }) }, true, null, false),
        (() => new(HttpMethod.Get, $"/api/sessions/{id}"), false, null, false),
        (() => new(HttpMethod.Get, $"/api/sessions/{id}/events"), false, null, false),
        (() => new(HttpMethod.Get, $"/api/sessions/{id}/state?version=1"), false, null, false),
        (() => new(HttpMethod.Patch, $"/api/sessions/{id}") { Content = JsonContent.Create(new { title = "renamed" }) }, true, null, false),
        (() => ResumeRequest(id), false, null, false),
        (() => new(HttpMethod.Post, $"/api/sessions/{id}/messages/{TurnId}/cancel"), true, HttpStatusCode.Conflict, false),
        (() => ChatCompletionRequest(id), true, null, true),
    ];

    private static HttpRequestMessage ResumeRequest(Guid id)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/messages/{TurnId}/stream");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }

    private static HttpRequestMessage ChatCompletionRequest(Guid id)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "any", messages = new[] { new { role = "user", content = "I like coffee" } } }),
        };
        request.Headers.Add("X-Session-Id", id.ToString());
        return request;
    }

    private async Task<string?> CredentialAsync(string caller)
    {
        switch (caller)
        {
            case "anonymous":
                return null;
            case "an empty bearer credential":
                return "";
            case "malformed key":
                return "ock_short_secret";
            case "unknown key":
                return ApiKeyFormat.NewKey(out _);
            case "a known key id with another secret":
                var known = await service.NewKeyAsync("acme", "alice");
                return known[..^4] + (known.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
            case "revoked key":
                var issued = await service.Keys.CreateAsync("acme", "alice", false, "tests");
                await service.Keys.RevokeAsync("acme", issued.Record.Id);
                return issued.Key;
            case "expired token":
                return service.Issuer.Token("alice", expiresIn: TimeSpan.FromHours(-1));
            case "token for another audience":
                return service.Issuer.Token("alice", audience: "someone-else");
            case "token with a forged signature":
                return service.Issuer.Token("alice", signWith: service.Issuer.ForgedKey());
            case "another user of the tenant":
                return await service.NewKeyAsync("acme", "bob");
            case "a user of another tenant":
                return await service.NewKeyAsync("globex", "alice");
            case "an admin of another tenant":
                return service.Issuer.Token("root", tenant: "globex", admin: true);
            case "an admin of the tenant":
                return await service.NewKeyAsync("acme", "root", admin: true);
            case "the owner's key":
                return await service.NewKeyAsync("acme", "alice");
            case "the owner's token":
                return service.Issuer.Token("alice", tenant: "acme");
            default:
                throw new ArgumentOutOfRangeException(nameof(caller), caller, null);
        }
    }

    private static async Task SendOkAsync(HttpClient client, Guid id, string text, string messageId)
    {
        using var response = await client.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text, messageId });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> ReadNotFoundAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Normalise(string body, Guid id)
    {
        var problem = JsonNode.Parse(body)!.AsObject();
        problem.Remove("traceId");
        return problem.ToJsonString().Replace(id.ToString(), "{id}");
    }

    private static Task<long> EventCountAsync(Guid id) =>
        TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id));
}
