using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Grains.Interfaces.Memory;

/// <summary>What a key and a value of a memory item must be: a key a session remembers under, and text of 1–200 characters.</summary>
public static class MemoryRules
{
    /// <summary>Why <paramref name="key"/> is refused, or null.</summary>
    public static MessageRejectedException? CheckKey(string? key) =>
        CheckText("key", key) ?? (ContextSlots.Of(key!) is null
            ? new MessageRejectedException("key", RejectionReason.Invalid,
                $"Field 'key' must be a key a session remembers under ({string.Join(", ", ContextSlots.All.Select(s => s.Shape == SlotShape.Topics ? s.Key + "T" : s.Key))}).")
            : null);

    /// <summary>Why <paramref name="value"/> is refused, or null.</summary>
    public static MessageRejectedException? CheckValue(string? value) => CheckText("value", value);

    private static MessageRejectedException? CheckText(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return new MessageRejectedException(field, RejectionReason.Invalid, $"Field '{field}' is required and must not be empty.");
        if (text.Length > SessionContext.MaxValueLength)
            return new MessageRejectedException(field, RejectionReason.Invalid, $"Field '{field}' is longer than {SessionContext.MaxValueLength} characters.");
        return UserMessageRules.CheckCharacters(field, text);
    }
}
