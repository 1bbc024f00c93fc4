namespace Orleans.Conversations.Access.Tests;

public sealed class ApiKeyCacheTests
{
    private readonly ManualTime _time = new();
    private int _loads;

    [Fact]
    public async Task an_absent_key_is_remembered_for_one_ttl()
    {
        var cache = Cache(_ => Task.FromResult<StoredApiKey?>(null));

        await cache.GetAsync("abc", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2.9));
        await cache.GetAsync("abc", CancellationToken.None);
        Assert.Equal(1, _loads);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        await cache.GetAsync("abc", CancellationToken.None);
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task lookups_of_one_id_that_miss_together_share_one_query()
    {
        var row = new TaskCompletionSource<StoredApiKey?>();
        var cache = Cache(_ => row.Task);

        var lookups = Enumerable.Range(0, 5).Select(_ => cache.GetAsync("abc", CancellationToken.None)).ToArray();
        row.SetResult(null);
        await Task.WhenAll(lookups);

        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task a_failed_lookup_is_not_remembered()
    {
        var fail = true;
        var cache = Cache(_ => fail ? Task.FromException<StoredApiKey?>(new TimeoutException()) : Task.FromResult<StoredApiKey?>(null));

        await Assert.ThrowsAsync<TimeoutException>(() => cache.GetAsync("abc", CancellationToken.None));
        fail = false;
        await cache.GetAsync("abc", CancellationToken.None);

        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task a_full_cache_drops_expired_entries_before_live_ones()
    {
        var cache = Cache(_ => Task.FromResult<StoredApiKey?>(null), capacity: 3);
        await cache.GetAsync("old1", CancellationToken.None);
        await cache.GetAsync("old2", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        await cache.GetAsync("live", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1.5));

        await cache.GetAsync("new", CancellationToken.None);
        await cache.GetAsync("live", CancellationToken.None);

        Assert.Equal(2, cache.Count);
        Assert.Equal(4, _loads);
    }

    [Fact]
    public async Task a_full_cache_drops_absent_keys_before_valid_ones()
    {
        var cache = Cache(id => Task.FromResult(id == "valid" ? Stored(id) : null), capacity: 3);
        await cache.GetAsync("valid", CancellationToken.None);
        await cache.GetAsync("made-up-1", CancellationToken.None);
        await cache.GetAsync("made-up-2", CancellationToken.None);

        await cache.GetAsync("made-up-3", CancellationToken.None);
        var again = await cache.GetAsync("valid", CancellationToken.None);

        Assert.NotNull(again);
        Assert.Equal(4, _loads);
    }

    [Fact]
    public async Task a_cache_full_of_valid_keys_drops_the_least_recently_used()
    {
        var cache = Cache(id => Task.FromResult(Stored(id)), capacity: 2);
        await cache.GetAsync("a", CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(10));
        await cache.GetAsync("b", CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(10));
        await cache.GetAsync("a", CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(10));

        await cache.GetAsync("c", CancellationToken.None);
        await cache.GetAsync("a", CancellationToken.None);
        Assert.Equal(3, _loads);

        await cache.GetAsync("b", CancellationToken.None);
        Assert.Equal(4, _loads);
    }

    private static StoredApiKey? Stored(string id) =>
        new(new ApiKeyRecord(id, "acme", "alice", false, DateTimeOffset.UnixEpoch, "tests", null), new byte[32]);

    private ApiKeyCache Cache(Func<string, Task<StoredApiKey?>> load, int capacity = 100) => new(
        id =>
        {
            Interlocked.Increment(ref _loads);
            return load(id);
        },
        _time,
        TimeSpan.FromSeconds(3),
        capacity);
}
