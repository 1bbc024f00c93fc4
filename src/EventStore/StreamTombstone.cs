namespace Orleans.Conversations.EventStore;

/// <summary>What stays of an erased stream: who erased it, as whose, and when.</summary>
/// <param name="ErasureId">The erasure that left it; null for tombstones older than erasure ids.</param>
/// <param name="TenantId">The stream's tenant, if the erasure named one.</param>
/// <param name="OwnerId">The stream's owner, if the erasure named one.</param>
/// <param name="ErasedAt">When the stream was erased.</param>
public sealed record StreamTombstone(Guid? ErasureId, string? TenantId, string? OwnerId, DateTimeOffset ErasedAt);
