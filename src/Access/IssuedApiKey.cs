namespace Orleans.Conversations.Access;

/// <summary>A key just issued: the only moment its secret is known, to be shown once and never stored.</summary>
/// <param name="Record">What the table holds about the key.</param>
/// <param name="Key">The whole key, <c>ock_…</c>.</param>
public sealed record IssuedApiKey(ApiKeyRecord Record, string Key);
