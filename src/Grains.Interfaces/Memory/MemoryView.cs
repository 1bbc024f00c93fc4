namespace Orleans.Conversations.Grains.Interfaces.Memory;

/// <summary>A user's memory as its user sees it.</summary>
/// <param name="Enabled">Whether sessions read and write it.</param>
/// <param name="Items">Its items, newest first.</param>
[GenerateSerializer, Immutable]
public sealed record MemoryView([property: Id(0)] bool Enabled, [property: Id(1)] IReadOnlyList<MemoryItem> Items);
