using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Orleans.Conversations.Access.Tests;

public sealed class ApiKeyVerifierTests
{
    private readonly ManualTime _time = new();

    [Fact]
    public async Task an_issued_key_is_valid_and_carries_its_record()
    {
        var store = await AccessDatabase.StoreAsync();
        var issued = await store.CreateAsync(AccessDatabase.NewTenant(), "alice", isAdmin: true, "cli");

        var check = await Verifier(store).VerifyAsync(issued.Key);

        Assert.Equal(ApiKeyCheckResult.Valid, check.Result);
        Assert.True(check.IsValid);
        Assert.Equal(issued.Record, check.Key);
        Assert.Equal(issued.Record.Id, check.KeyId);
    }

    [Fact]
    public async Task a_known_id_with_another_secret_is_unknown()
    {
        var store = await AccessDatabase.StoreAsync();
        var issued = await store.CreateAsync(AccessDatabase.NewTenant(), "alice", false, "cli");
        var forged = issued.Key[..^ApiKeyFormat.SecretLength] + ApiKeyFormat.NewKey(out _)[^ApiKeyFormat.SecretLength..];

        var check = await Verifier(store).VerifyAsync(forged);

        Assert.Equal(ApiKeyCheckResult.Unknown, check.Result);
        Assert.Null(check.Key);
        Assert.Equal(issued.Record.Id, check.KeyId);
    }

    [Fact]
    public async Task a_well_formed_key_nobody_issued_is_unknown()
    {
        var key = ApiKeyFormat.NewKey(out var id);

        var check = await Verifier(await AccessDatabase.StoreAsync()).VerifyAsync(key);

        Assert.Equal(new ApiKeyCheck(ApiKeyCheckResult.Unknown, null, id), check);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer ock_")]
    [InlineData("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl")]
    public async Task a_malformed_key_is_refused_without_asking_the_database(string presented)
    {
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none");

        var check = await Verifier(new ApiKeyStore(unreachable)).VerifyAsync(presented);

        Assert.Equal(new ApiKeyCheck(ApiKeyCheckResult.Malformed, null, null), check);
    }

    [Fact]
    public async Task a_revoked_key_is_refused_once_the_cache_ttl_has_passed()
    {
        var (verifier, issued) = await RevokeACheckedKeyAsync();

        _time.Advance(TimeSpan.FromSeconds(2.9));
        var beforeTtl = await verifier.VerifyAsync(issued.Key);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        var afterTtl = await verifier.VerifyAsync(issued.Key);

        Assert.Equal(ApiKeyCheckResult.Valid, beforeTtl.Result);
        Assert.Equal(ApiKeyCheckResult.Revoked, afterTtl.Result);
        Assert.NotNull(afterTtl.Key?.RevokedAt);
    }

    [Fact]
    public async Task a_forgotten_key_is_read_again_at_once()
    {
        var (verifier, issued) = await RevokeACheckedKeyAsync();

        verifier.Forget(issued.Record.Id);

        Assert.Equal(ApiKeyCheckResult.Revoked, (await verifier.VerifyAsync(issued.Key)).Result);
    }

    [Fact]
    public async Task made_up_keys_never_hold_more_than_max_cached_keys()
    {
        var verifier = Verifier(await AccessDatabase.StoreAsync(), maxCachedKeys: 10);

        for (var i = 0; i < 35; i++)
        {
            Assert.Equal(ApiKeyCheckResult.Unknown, (await verifier.VerifyAsync(ApiKeyFormat.NewKey(out _))).Result);
            Assert.InRange(verifier.CachedKeys, 1, 10);
        }
    }

    /// <summary>Issues a key, checks it (so that its row is cached) and revokes it.</summary>
    private async Task<(ApiKeyVerifier Verifier, IssuedApiKey Issued)> RevokeACheckedKeyAsync()
    {
        var store = await AccessDatabase.StoreAsync();
        var tenant = AccessDatabase.NewTenant();
        var issued = await store.CreateAsync(tenant, "alice", false, "cli");
        var verifier = Verifier(store);
        Assert.True((await verifier.VerifyAsync(issued.Key)).IsValid);
        Assert.True(await store.RevokeAsync(tenant, issued.Record.Id));
        return (verifier, issued);
    }

    private ApiKeyVerifier Verifier(ApiKeyStore store, int maxCachedKeys = 100) => new(
        store,
        Options.Create(new ApiKeyOptions { CacheTtl = TimeSpan.FromSeconds(3), MaxCachedKeys = maxCachedKeys }),
        _time,
        NullLogger<ApiKeyVerifier>.Instance);
}
