namespace Orleans.Conversations.Access;

/// <summary>A row of <c>access.api_keys</c>: the record and the hash a presented key is compared with.</summary>
internal sealed record StoredApiKey(ApiKeyRecord Record, byte[] KeyHash);
