namespace Orleans.Conversations.HttpApi.Api;

/// <summary>Answer to <c>GET /api/memory</c>.</summary>
public sealed record MemoryResponse(bool Enabled, IReadOnlyList<MemoryItemResponse> Items);

/// <summary>One item of the caller's memory.</summary>
public sealed record MemoryItemResponse(string Id, string Key, string Value, DateTime LearnedAt, MemorySourceResponse? Source);

/// <summary>The session event an item was learned from.</summary>
public sealed record MemorySourceResponse(Guid SessionId, int Version);

/// <summary>Answer to <c>PATCH /api/memory</c>.</summary>
public sealed record MemorySwitchResponse(bool Enabled);
