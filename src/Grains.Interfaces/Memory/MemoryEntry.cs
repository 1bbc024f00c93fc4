namespace Orleans.Conversations.Grains.Interfaces.Memory;

/// <summary>An item a user adds to their memory by hand.</summary>
/// <param name="Key">A key a session remembers under (<c>name</c>, <c>likes</c>, <c>favorite.color</c>...).</param>
/// <param name="Value">The value, at most 200 characters.</param>
[GenerateSerializer, Immutable]
public sealed record MemoryEntry([property: Id(0)] string Key, [property: Id(1)] string Value);
