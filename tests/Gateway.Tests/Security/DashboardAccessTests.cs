using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Orleans.Conversations.Gateway.Tests.Security;

/// <summary>The dashboard shows every tenant's grains, so only admins of the operator tenant open it when auth is required.</summary>
[Collection(ServiceCollection.Name)]
public sealed class DashboardAccessTests(ServiceFixture service)
{
    [Fact]
    public async Task anonymous_callers_are_challenged_for_a_bearer_token_or_basic_credentials()
    {
        using var response = await service.Secured.Http.GetAsync("/dashboard");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        var challenges = response.Headers.WwwAuthenticate.Select(c => c.Scheme).ToList();
        Assert.Contains("Bearer", challenges);
        Assert.Contains("Basic", challenges);
    }

    [Theory]
    [InlineData("default", false)]
    [InlineData("default", true)]
    [InlineData(ServiceFixture.OperatorTenant, false)]
    [InlineData("acme", true)]
    public async Task users_and_admins_of_other_tenants_get_403(string tenant, bool admin)
    {
        using var client = service.Secured.ClientWith(await service.NewKeyAsync(tenant, "someone", admin));

        using var page = await client.GetAsync("/dashboard");
        using var data = await client.GetAsync("/dashboard/ClusterStats");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, data.StatusCode);
    }

    [Fact]
    public async Task an_operator_opens_the_dashboard_with_a_bearer_key_or_with_the_key_as_basic_password()
    {
        var key = await service.NewKeyAsync(ServiceFixture.OperatorTenant, "ops", admin: true);
        using var bearer = service.Secured.ClientWith(key);
        using var basic = new HttpClient { BaseAddress = service.Secured.Address };
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + key)));

        using var page = await bearer.GetAsync("/dashboard");
        using var viaBasic = await basic.GetAsync("/dashboard/");
        using var script = await basic.GetAsync("/dashboard/index.min.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaBasic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task basic_credentials_are_not_taken_outside_the_dashboard()
    {
        var key = await service.NewKeyAsync(ServiceFixture.OperatorTenant, "ops", admin: true);
        using var basic = new HttpClient { BaseAddress = service.Secured.Address };
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + key)));

        using var response = await basic.GetAsync("/api/admin/keys");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
