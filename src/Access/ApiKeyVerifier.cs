using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Conversations.Access;

/// <summary>
/// Checks presented API keys: the shape first (no database), then the row by id, read at most once per
/// <see cref="ApiKeyOptions.CacheTtl"/> per id, then the hash in constant time, then revocation. Only key ids are
/// logged, never a key.
/// </summary>
public sealed class ApiKeyVerifier
{
    private readonly ApiKeyCache _cache;
    private readonly ILogger<ApiKeyVerifier> _logger;
    private long _storeReads;

    /// <summary>A verifier reading keys from <paramref name="store"/>, with its cache set by <paramref name="options"/>.</summary>
    public ApiKeyVerifier(ApiKeyStore store, IOptions<ApiKeyOptions> options, TimeProvider timeProvider, ILogger<ApiKeyVerifier> logger)
    {
        _cache = new ApiKeyCache(id =>
        {
            Interlocked.Increment(ref _storeReads);
            return store.FindAsync(id);
        }, timeProvider, options.Value.CacheTtl, options.Value.MaxCachedKeys);
        _logger = logger;
    }

    internal int CachedKeys => _cache.Count;

    /// <summary>How many times this verifier has read the key table: what made-up keys cost the database.</summary>
    internal long StoreReads => Interlocked.Read(ref _storeReads);

    /// <summary>Checks <paramref name="presented"/>.</summary>
    /// <exception cref="Npgsql.NpgsqlException">The key's row had to be read and the database could not be reached.</exception>
    public async Task<ApiKeyCheck> VerifyAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!ApiKeyFormat.TryParse(presented, out var id))
            return new ApiKeyCheck(ApiKeyCheckResult.Malformed, null, null);

        return Check(presented, id, await _cache.GetAsync(id, cancellationToken));
    }

    /// <summary>
    /// Checks <paramref name="presented"/> only if this process has a live answer for its id cached: null when the table
    /// would have to be read. For callers that must not reach the database (a client address out of its budget).
    /// </summary>
    public ApiKeyCheck? VerifyCached(string presented)
    {
        if (!ApiKeyFormat.TryParse(presented, out var id))
            return new ApiKeyCheck(ApiKeyCheckResult.Malformed, null, null);
        return _cache.TryGetCached(id, out var stored) ? Check(presented, id, stored) : null;
    }

    private ApiKeyCheck Check(string presented, string id, StoredApiKey? stored)
    {
        if (stored is null || !CryptographicOperations.FixedTimeEquals(ApiKeyFormat.Hash(presented), stored.KeyHash))
        {
            _logger.LogDebug("API key {KeyId} is unknown or its secret does not match", id);
            return new ApiKeyCheck(ApiKeyCheckResult.Unknown, null, id);
        }

        if (stored.Record.RevokedAt is not null)
        {
            _logger.LogDebug("API key {KeyId} was revoked at {RevokedAt}", id, stored.Record.RevokedAt);
            return new ApiKeyCheck(ApiKeyCheckResult.Revoked, stored.Record, id);
        }

        return new ApiKeyCheck(ApiKeyCheckResult.Valid, stored.Record, id);
    }

    /// <summary>
    /// Forgets what this process cached about key <paramref name="keyId"/>, so that its next check reads the table: for
    /// the process that has just revoked it. Other processes see the revocation within one TTL.
    /// </summary>
    public void Forget(string keyId) => _cache.Remove(keyId);
}
