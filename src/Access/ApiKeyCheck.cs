namespace Orleans.Conversations.Access;

/// <summary>The outcome of checking a presented API key.</summary>
/// <param name="Result">What the check found.</param>
/// <param name="Key">The key's record when it is <see cref="ApiKeyCheckResult.Valid"/> or <see cref="ApiKeyCheckResult.Revoked"/>.</param>
/// <param name="KeyId">The id the presented key claims, safe to log; null when it is malformed.</param>
public sealed record ApiKeyCheck(ApiKeyCheckResult Result, ApiKeyRecord? Key, string? KeyId)
{
    /// <summary>Whether the key may be used.</summary>
    public bool IsValid => Result == ApiKeyCheckResult.Valid;
}
