namespace Orleans.Conversations.Access;

/// <summary>What is known about an API key, without its secret or its hash.</summary>
/// <param name="Id">The public id, the 12 characters after <c>ock_</c>.</param>
/// <param name="Tenant">The tenant the key acts in.</param>
/// <param name="UserId">The user the key acts as.</param>
/// <param name="IsAdmin">Whether the key may administer its tenant.</param>
/// <param name="CreatedAt">When the key was issued.</param>
/// <param name="CreatedBy">Who issued it: <c>cli</c>, or <c>tenant/user</c> of the admin.</param>
/// <param name="RevokedAt">When it was revoked, or null while it is active.</param>
public sealed record ApiKeyRecord(
    string Id, string Tenant, string UserId, bool IsAdmin, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);
