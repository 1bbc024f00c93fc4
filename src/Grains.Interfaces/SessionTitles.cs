using System.Globalization;
using System.Text;

namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>What a session is called: the start of its first user message until it is renamed.</summary>
public static class SessionTitles
{
    /// <summary>The longest title, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>How much of the first message a default title keeps, in text elements.</summary>
    public const int DefaultLength = 60;

    /// <summary>The title a session has before it is renamed: its first message on one line, cut at a whole character.</summary>
    public static string? FromFirstMessage(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var line = new StringBuilder(Math.Min(text.Length, DefaultLength * 2));
        var elements = StringInfo.GetTextElementEnumerator(text.Trim());
        var count = 0;
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (count++ == DefaultLength)
                return line.Append('…').ToString();
            line.Append(element.AsSpan().IndexOfAny('\r', '\n') >= 0 || element == "\t" ? " " : element);
        }

        return line.ToString();
    }

    /// <summary>The reason a new title is refused, or null when it is acceptable.</summary>
    public static MessageRejectedException? Check(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
            return new MessageRejectedException("title", RejectionReason.Invalid, "Field 'title' is required and must not be blank.");
        if (title.Length > MaxLength)
            return new MessageRejectedException("title", RejectionReason.Invalid, $"Field 'title' is {title.Length} characters long; the limit is {MaxLength}.");
        return UserMessageRules.CheckCharacters("title", title);
    }
}
