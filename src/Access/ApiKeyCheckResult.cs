namespace Orleans.Conversations.Access;

/// <summary>What checking a presented API key found.</summary>
public enum ApiKeyCheckResult
{
    /// <summary>An active key.</summary>
    Valid,

    /// <summary>Not shaped like a key at all; the database was not asked.</summary>
    Malformed,

    /// <summary>No key has this id, or its secret does not match.</summary>
    Unknown,

    /// <summary>The key exists and matches but has been revoked.</summary>
    Revoked,
}
