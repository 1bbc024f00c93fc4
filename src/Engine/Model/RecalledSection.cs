using System.Globalization;
using System.Text;

namespace Orleans.Conversations.Engine.Model;

/// <summary>
/// The part of the system message that carries the recalled excerpts: older messages of this session beyond the recent
/// turns, or of the user's other conversations, each with its date (and the conversation's title when it was another
/// one), most relevant first, as many as fit a number of characters.
/// </summary>
internal static class RecalledSection
{
    public const string Heading = "\nRecalled excerpts of earlier messages, most relevant first (use them only if they help):";

    /// <summary>The section for <paramref name="recalled"/> within <paramref name="maxLength"/> characters; empty when none fits.</summary>
    public static string Describe(IReadOnlyList<RecalledExcerpt> recalled, int maxLength)
    {
        var room = maxLength - Heading.Length;
        var text = new StringBuilder();
        foreach (var excerpt in recalled)
        {
            var line = Line(excerpt);
            if (line.Length > room)
                continue;
            room -= line.Length;
            text.Append(line);
        }

        return text.Length == 0 ? "" : Heading + text;
    }

    private static string Line(RecalledExcerpt excerpt)
    {
        var date = excerpt.At.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var where = excerpt.SameSession ? "earlier in this conversation" : excerpt.Title is { Length: > 0 } title ? $"conversation \"{title}\"" : "another conversation";
        var who = excerpt.Role == TurnRoles.User ? "the user said" : "you replied";
        return $"\n- [{date}, {where}] {who}: {excerpt.Text}";
    }
}
