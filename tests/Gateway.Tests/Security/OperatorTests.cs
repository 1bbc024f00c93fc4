using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.Security;

/// <summary>
/// Admins of the operator tenant (<c>Auth:OperatorTenant</c>, <c>ops</c> in these tests) manage the keys of every
/// tenant; other admins those of their own; with no operator tenant set, nobody is an operator when auth is required.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class OperatorTests(ServiceFixture service)
{
    [Fact]
    public async Task an_admin_of_the_operator_tenant_creates_lists_and_revokes_keys_in_any_tenant()
    {
        var tenant = $"new-{Guid.NewGuid():N}";
        var elsewhere = await service.Keys.CreateAsync($"other-{tenant}", "carol", false, "tests");
        using var operatorClient = service.Secured.ClientWith(await service.NewKeyAsync(ServiceFixture.OperatorTenant, "ops", admin: true));

        using var created = await operatorClient.PostAsJsonAsync("/api/admin/keys", new { userId = "first-admin", tenant, admin = true });
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        var newKey = body["key"]!.GetValue<string>();
        using var all = await operatorClient.GetAsync("/api/admin/keys");
        var allListed = await all.Content.ReadAsStringAsync();
        using var filtered = await operatorClient.GetAsync($"/api/admin/keys?tenant={tenant}");
        var filteredKeys = JsonNode.Parse(await filtered.Content.ReadAsStringAsync())!["keys"]!.AsArray();
        using var revoked = await operatorClient.DeleteAsync($"/api/admin/keys/{elsewhere.Record.Id}");

        Assert.Equal(tenant, body["tenant"]!.GetValue<string>());
        Assert.True(body["admin"]!.GetValue<bool>());
        Assert.Contains(body["id"]!.GetValue<string>(), allListed);
        Assert.Contains(elsewhere.Record.Id, allListed);
        Assert.All(filteredKeys, k => Assert.Equal(tenant, k!["tenant"]!.GetValue<string>()));
        Assert.Single(filteredKeys);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.NotNull((await service.Keys.ListAsync($"other-{tenant}")).Single(k => k.Id == elsewhere.Record.Id).RevokedAt);

        // The new tenant's admin manages its own tenant, and only it.
        using var tenantAdmin = service.Secured.ClientWith(newKey);
        using var own = await tenantAdmin.PostAsJsonAsync("/api/admin/keys", new { userId = "dave" });
        using var foreign = await tenantAdmin.PostAsJsonAsync("/api/admin/keys", new { userId = "dave", tenant = ServiceFixture.OperatorTenant });
        using var peek = await tenantAdmin.GetAsync($"/api/admin/keys?tenant={ServiceFixture.OperatorTenant}");
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.Forbidden, "tenant");
        await ProblemAssert.IsProblemAsync(peek, HttpStatusCode.Forbidden, "tenant");
    }

    [Fact]
    public async Task an_operator_gets_400_naming_the_tenant_for_a_tenant_that_is_not_a_valid_name()
    {
        using var operatorClient = service.Secured.ClientWith(await service.NewKeyAsync(ServiceFixture.OperatorTenant, "ops", admin: true));

        using var created = await operatorClient.PostAsJsonAsync("/api/admin/keys", new { userId = "x", tenant = "no spaces" });

        await ProblemAssert.IsProblemAsync(created, HttpStatusCode.BadRequest, "tenant");
    }

    [Fact]
    public async Task an_admin_of_the_default_tenant_is_not_an_operator_unless_the_default_tenant_is_named_so()
    {
        using var admin = service.Secured.ClientWith(await service.NewKeyAsync("default", "root", admin: true));

        using var dashboard = await admin.GetAsync("/dashboard");
        using var create = await admin.PostAsJsonAsync("/api/admin/keys", new { userId = "x", tenant = "acme" });

        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.Forbidden, "tenant");
    }

    [Fact]
    public async Task without_an_operator_tenant_no_admin_is_an_operator_when_auth_is_required_and_the_gateway_says_so()
    {
        var settings = service.SecuredSettings();
        settings.Remove("Auth:OperatorTenant");
        await using var gateway = await RunningGateway.StartAsync(settings);
        using var admin = gateway.ClientWith(await service.NewKeyAsync("default", "root", admin: true));

        using var dashboard = await admin.GetAsync("/dashboard");
        using var create = await admin.PostAsJsonAsync("/api/admin/keys", new { userId = "x", tenant = "acme" });

        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.Forbidden, "tenant");
        Assert.Contains(gateway.Logs.Entries, e => e.Message.Contains("No operator tenant", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_gateway_names_the_operator_tenant_at_start_up()
    {
        await using var gateway = await RunningGateway.StartAsync(service.SecuredSettings());

        Assert.Contains(gateway.Logs.Entries, e => e.Message.Contains($"Operator tenant: {ServiceFixture.OperatorTenant}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task an_operator_tenant_that_is_not_a_valid_name_stops_the_gateway_naming_the_setting()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningGateway.StartAsync(service.SecuredSettings(new Dictionary<string, string?>
        {
            ["Auth:OperatorTenant"] = "not a tenant",
        })));

        Assert.Contains("Auth:OperatorTenant", failure.Message);
    }
}
