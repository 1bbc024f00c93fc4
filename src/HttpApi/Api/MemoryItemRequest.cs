using System.Reflection;
using Orleans.Conversations.Grains.Interfaces.Memory;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>The body of <c>POST /api/memory</c> (<c>key</c> and <c>value</c>) and of <c>PATCH /api/memory/{itemId}</c> (<c>value</c>).</summary>
/// <param name="Key">A key a session remembers under (<c>name</c>, <c>likes</c>, <c>favorite.color</c>...).</param>
/// <param name="Value">The value, 1–200 characters.</param>
public sealed record MemoryItemRequest(string? Key, string? Value)
{
    /// <summary>Binds the body; see <see cref="JsonRequestBody"/> for its errors.</summary>
    public static ValueTask<MemoryItemRequest?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        JsonRequestBody.ReadAsync<MemoryItemRequest>(context, required: true);

    /// <summary>The entry, once its key and value are checked against <see cref="MemoryRules"/>.</summary>
    internal MemoryEntry CheckedEntry() =>
        (MemoryRules.CheckKey(Key) ?? MemoryRules.CheckValue(Value)) is { } rejected ? throw rejected : new MemoryEntry(Key!, Value!);

    /// <summary>The value, once checked against <see cref="MemoryRules"/>.</summary>
    internal string CheckedValue() => MemoryRules.CheckValue(Value) is { } rejected ? throw rejected : Value!;
}
