using System.Collections.Concurrent;

namespace Orleans.Conversations.Access;

/// <summary>
/// Rows of <c>access.api_keys</c> by id, absent ones included, each reused for one TTL. Lookups of one id that miss
/// together share one query; a failed lookup is not kept. Once it holds its limit, expired entries are dropped, and
/// if none are, all of them: made-up ids cost a query each but never memory.
/// </summary>
internal sealed class ApiKeyCache(Func<string, Task<StoredApiKey?>> load, TimeProvider timeProvider, TimeSpan ttl, int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public async Task<StoredApiKey?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (!_entries.TryGetValue(id, out var entry) || entry.ExpiresAt <= now)
        {
            if (entry is null && _entries.Count >= capacity)
                MakeRoom(now);
            var fresh = new Entry(new Lazy<Task<StoredApiKey?>>(() => load(id)), now + ttl);
            entry = _entries.AddOrUpdate(id, fresh, (_, existing) => existing.ExpiresAt > now ? existing : fresh);
        }

        try
        {
            return await entry.Lookup.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _entries.TryRemove(KeyValuePair.Create(id, entry));
            throw;
        }
    }

    public void Remove(string id) => _entries.TryRemove(id, out _);

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (id, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
                _entries.TryRemove(KeyValuePair.Create(id, entry));
        }

        if (_entries.Count >= capacity)
            _entries.Clear();
    }

    private sealed record Entry(Lazy<Task<StoredApiKey?>> Lookup, DateTimeOffset ExpiresAt);
}
