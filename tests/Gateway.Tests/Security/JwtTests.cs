using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.Security;

/// <summary>Tokens of an OpenID Connect issuer on loopback, checked by ASP.NET Core's JwtBearer handler.</summary>
[Collection(ServiceCollection.Name)]
public sealed class JwtTests(ServiceFixture service)
{
    [Fact]
    public async Task a_valid_token_starts_a_session_owned_by_its_subject_in_its_tenant()
    {
        using var client = service.Secured.ClientWith(service.Issuer.Token("erin", tenant: "hooli"));

        using var response = await client.PostAsJsonAsync($"/api/sessions/{Guid.NewGuid()}/messages", new { text = "hello" });
        var sessionId = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sessionId"]!.GetValue<Guid>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hooli/erin", await TestDatabase.ScalarAsync<string>(
            "SELECT (data->>'tenant') || '/' || (data->>'owner') FROM eventstore.events WHERE stream_id = $1 AND version = 1",
            TestDatabase.StreamOf(sessionId)));
    }

    [Fact]
    public async Task a_token_without_a_tenant_claim_is_in_the_default_tenant()
    {
        using var client = service.Secured.ClientWith(service.Issuer.Token("frank", tenant: null));

        using var response = await client.PostAsJsonAsync($"/api/sessions/{Guid.NewGuid()}/messages", new { text = "hello" });
        var sessionId = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sessionId"]!.GetValue<Guid>();

        Assert.Equal("default/frank", await TestDatabase.ScalarAsync<string>(
            "SELECT (data->>'tenant') || '/' || (data->>'owner') FROM eventstore.events WHERE stream_id = $1 AND version = 1",
            TestDatabase.StreamOf(sessionId)));
    }

    [Fact]
    public async Task the_admin_role_lets_a_token_read_sessions_of_its_tenant()
    {
        using var owner = service.Secured.ClientWith(service.Issuer.Token("gina", tenant: "hooli"));
        using var admin = service.Secured.ClientWith(service.Issuer.Token("boss", tenant: "hooli", admin: true));
        using var plain = service.Secured.ClientWith(service.Issuer.Token("hank", tenant: "hooli"));
        var id = Guid.NewGuid();
        using (var sent = await owner.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "hello" }))
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        using var byAdmin = await admin.GetAsync($"/api/sessions/{id}");
        using var byPlain = await plain.GetAsync($"/api/sessions/{id}");

        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byPlain.StatusCode);
    }

    [Theory]
    [InlineData("expired", "The token is expired.")]
    [InlineData("audience", "The audience is invalid.")]
    [InlineData("forged", "The signature is invalid.")]
    [InlineData("truncated", "The signature is invalid.")]
    public async Task a_refused_token_gets_401_saying_why(string kind, string detail)
    {
        var token = kind switch
        {
            "expired" => service.Issuer.Token("ivan", expiresIn: TimeSpan.FromHours(-1)),
            "audience" => service.Issuer.Token("ivan", audience: "another-api"),
            "forged" => service.Issuer.Token("ivan", signWith: service.Issuer.ForgedKey()),
            _ => service.Issuer.Token("ivan")[..^10],
        };
        using var client = service.Secured.ClientWith(token);

        using var response = await client.GetAsync($"/api/sessions/{Guid.NewGuid()}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Authorization", problem["field"]!.GetValue<string>());
        Assert.Equal(detail, problem["detail"]!.GetValue<string>());
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain(token, problem.ToJsonString());
    }
}
