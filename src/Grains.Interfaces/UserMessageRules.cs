namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// What makes a user message acceptable, checked the same way by the gateway (before anything reaches the cluster)
/// and by the session grain (whoever calls it). Text may hold any Unicode except U+0000 and unpaired surrogates, which
/// PostgreSQL's <c>jsonb</c> and UTF-8 cannot store.
/// </summary>
public static class UserMessageRules
{
    /// <summary>The longest message id a client may send; fixed by the HTTP contract.</summary>
    public const int MaxMessageIdLength = 128;

    /// <summary>The reason <paramref name="message"/> is refused, or null when it is acceptable.</summary>
    public static MessageRejectedException? Check(UserMessage message, int maxTextLength)
    {
        if (string.IsNullOrWhiteSpace(message.Text))
            return new MessageRejectedException("text", RejectionReason.Invalid, "Field 'text' is required and must not be empty.");
        if (message.Text.Length > maxTextLength && CountCharacters(message.Text) is var characters && characters > maxTextLength)
        {
            return new MessageRejectedException("text", RejectionReason.TooLong,
                $"Field 'text' is {characters} characters long; the limit is {maxTextLength}.");
        }

        if (CheckCharacters("text", message.Text) is { } badText)
            return badText;
        return CheckMessageId(message.MessageId);
    }

    /// <summary>The reason a message id is refused, or null when it is acceptable.</summary>
    public static MessageRejectedException? CheckMessageId(string? id)
    {
        if (id is null)
            return new MessageRejectedException("messageId", RejectionReason.Invalid, "Field 'messageId' is required.");
        if (id.Length > MaxMessageIdLength || string.IsNullOrWhiteSpace(id))
        {
            return new MessageRejectedException("messageId", RejectionReason.Invalid,
                $"Field 'messageId' must be 1 to {MaxMessageIdLength} characters long and not blank.");
        }

        return CheckCharacters("messageId", id);
    }

    /// <summary>Characters as Unicode counts them (code points): an emoji outside the Basic Multilingual Plane is one, not two.</summary>
    public static int CountCharacters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
            count++;
        return count;
    }

    /// <summary>The reason the string <paramref name="field"/> is refused for its characters, or null when every one can be stored.</summary>
    public static MessageRejectedException? CheckCharacters(string field, string value)
    {
        if (!value.Contains('\0') && value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
            return null;

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
                return new MessageRejectedException(field, RejectionReason.Invalid, $"Field '{field}' contains U+0000 at position {i}, which cannot be stored.");
            if (!char.IsSurrogate(c))
                continue;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            return new MessageRejectedException(field, RejectionReason.Invalid,
                $"Field '{field}' contains an unpaired surrogate (U+{(int)c:X4}) at position {i}: it is not valid Unicode text.");
        }

        return null;
    }
}
