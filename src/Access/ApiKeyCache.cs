using System.Collections.Concurrent;

namespace Orleans.Conversations.Access;

/// <summary>
/// Rows of <c>access.api_keys</c> by id, absent ones included, each reused for one TTL. Lookups of one id that miss
/// together share one query; a failed lookup is not kept. Once it holds its limit it makes room without losing the
/// keys in use: expired entries go first, then ids that name no key (what made-up keys leave behind), and only then the
/// least recently used keys.
/// </summary>
internal sealed class ApiKeyCache(Func<string, Task<StoredApiKey?>> load, TimeProvider timeProvider, TimeSpan ttl, int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _uses;

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

        entry.LastUse = Interlocked.Increment(ref _uses);
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

    /// <summary>The row of <paramref name="id"/> if the cache holds a live answer for it, without reading the table.</summary>
    public bool TryGetCached(string id, out StoredApiKey? key)
    {
        key = null;
        if (!_entries.TryGetValue(id, out var entry) || entry.ExpiresAt <= timeProvider.GetUtcNow()
            || !entry.Lookup.IsValueCreated || !entry.Lookup.Value.IsCompletedSuccessfully)
        {
            return false;
        }

        entry.LastUse = Interlocked.Increment(ref _uses);
        key = entry.Lookup.Value.Result;
        return true;
    }

    public void Remove(string id) => _entries.TryRemove(id, out _);

    private void MakeRoom(DateTimeOffset now)
    {
        RemoveWhere(entry => entry.ExpiresAt <= now);
        if (_entries.Count >= capacity)
            RemoveWhere(entry => entry.Lookup.IsValueCreated && entry.Lookup.Value is { IsCompletedSuccessfully: true, Result: null });
        var excess = _entries.Count - capacity + 1;
        if (excess <= 0)
            return;
        foreach (var (id, entry) in _entries.OrderBy(pair => pair.Value.LastUse).Take(excess).ToList())
            _entries.TryRemove(KeyValuePair.Create(id, entry));
    }

    private void RemoveWhere(Func<Entry, bool> drop)
    {
        foreach (var (id, entry) in _entries)
        {
            if (drop(entry))
                _entries.TryRemove(KeyValuePair.Create(id, entry));
        }
    }

    private sealed class Entry(Lazy<Task<StoredApiKey?>> lookup, DateTimeOffset expiresAt)
    {
        private long _lastUse;

        public Lazy<Task<StoredApiKey?>> Lookup { get; } = lookup;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        /// <summary>When the entry was last used, in uses of the cache: the least recently used go first.</summary>
        public long LastUse
        {
            get => Interlocked.Read(ref _lastUse);
            set => Interlocked.Exchange(ref _lastUse, value);
        }
    }
}
