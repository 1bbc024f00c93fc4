using Npgsql;

namespace Orleans.Conversations.Access.Tests;

public sealed class ApiKeyStoreTests
{
    [Fact]
    public async Task the_table_holds_no_secret_only_the_sha256_of_the_key()
    {
        var store = await AccessDatabase.StoreAsync();
        var tenant = AccessDatabase.NewTenant();
        var issued = new[]
        {
            await store.CreateAsync(tenant, "alice", isAdmin: true, "cli"),
            await store.CreateAsync(tenant, "bob", isAdmin: false, "cli"),
        };

        var rows = await ReadRowsAsync();
        foreach (var key in issued)
        {
            var secret = key.Key[^ApiKeyFormat.SecretLength..];
            Assert.All(rows, row => Assert.DoesNotContain(secret, row, StringComparison.Ordinal));
            Assert.All(rows, row => Assert.DoesNotContain(key.Key, row, StringComparison.Ordinal));
            Assert.Equal(ApiKeyFormat.Hash(key.Key), await HashOfAsync(key.Record.Id));
        }
    }

    [Fact]
    public async Task a_new_key_is_listed_with_its_details()
    {
        var store = await AccessDatabase.StoreAsync();
        var tenant = AccessDatabase.NewTenant();

        var issued = await store.CreateAsync(tenant, "alice@example.com", isAdmin: true, $"{tenant}/root");

        var listed = Assert.Single(await store.ListAsync(tenant));
        Assert.Equal(issued.Record, listed);
        Assert.Equal(tenant, listed.Tenant);
        Assert.Equal("alice@example.com", listed.UserId);
        Assert.True(listed.IsAdmin);
        Assert.Equal($"{tenant}/root", listed.CreatedBy);
        Assert.Null(listed.RevokedAt);
        Assert.InRange(listed.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task a_listing_by_tenant_shows_only_that_tenants_keys_newest_first()
    {
        var store = await AccessDatabase.StoreAsync();
        var (tenant, other) = (AccessDatabase.NewTenant(), AccessDatabase.NewTenant());
        var first = await store.CreateAsync(tenant, "alice", false, "cli");
        var second = await store.CreateAsync(tenant, "bob", false, "cli");
        var others = await store.CreateAsync(other, "carol", false, "cli");

        var listed = await store.ListAsync(tenant);
        var all = await store.ListAsync(null);

        Assert.Equal([second.Record.Id, first.Record.Id], listed.Select(k => k.Id));
        Assert.Contains(all, k => k.Id == others.Record.Id);
        Assert.Contains(all, k => k.Id == first.Record.Id);
    }

    [Fact]
    public async Task a_key_cannot_be_revoked_through_another_tenant()
    {
        var store = await AccessDatabase.StoreAsync();
        var (tenant, other) = (AccessDatabase.NewTenant(), AccessDatabase.NewTenant());
        var issued = await store.CreateAsync(tenant, "alice", false, "cli");

        Assert.False(await store.RevokeAsync(other, issued.Record.Id));

        Assert.Null(Assert.Single(await store.ListAsync(tenant)).RevokedAt);
    }

    [Fact]
    public async Task a_key_is_revoked_once()
    {
        var store = await AccessDatabase.StoreAsync();
        var tenant = AccessDatabase.NewTenant();
        var issued = await store.CreateAsync(tenant, "alice", false, "cli");

        Assert.True(await store.RevokeAsync(tenant, issued.Record.Id));
        var revokedAt = Assert.Single(await store.ListAsync(tenant)).RevokedAt;
        Assert.False(await store.RevokeAsync(tenant, issued.Record.Id));
        Assert.False(await store.RevokeAnyTenantAsync(issued.Record.Id));

        Assert.NotNull(revokedAt);
        Assert.Equal(revokedAt, Assert.Single(await store.ListAsync(tenant)).RevokedAt);
    }

    [Theory]
    [InlineData("", "alice")]
    [InlineData("acme", "")]
    [InlineData("acme corp", "alice")]
    [InlineData("acme", "alice/bob")]
    public async Task a_key_for_an_invalid_name_is_not_issued(string tenant, string userId)
    {
        var store = await AccessDatabase.StoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(tenant, userId, false, "cli"));
    }

    private static async Task<List<string>> ReadRowsAsync()
    {
        await using var command = (await AccessDatabase.GetAsync()).CreateCommand("SELECT row_to_json(k)::text FROM access.api_keys k");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    private static async Task<byte[]> HashOfAsync(string id)
    {
        await using var command = (await AccessDatabase.GetAsync()).CreateCommand("SELECT key_hash FROM access.api_keys WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        return (byte[])(await command.ExecuteScalarAsync())!;
    }
}
