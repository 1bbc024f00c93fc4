namespace Orleans.Conversations.EventStore;

/// <summary>An erasure of a stream, as its tombstone will record it.</summary>
/// <param name="ErasureId">Names this erasure, so that a retry of it recognises the tombstone it left as its own.</param>
/// <param name="TenantId">The stream's tenant, shown with its erasure in the feed.</param>
/// <param name="OwnerId">The stream's owner.</param>
public sealed record StreamErasureRequest(Guid ErasureId, string? TenantId, string? OwnerId);
