using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// What a lookahead or lookbehind would say about a match. The non-backtracking engine has no lookarounds, so a
/// pattern that needs one matches without it and its guard here rules out what the lookaround would have.
/// </summary>
internal static partial class MessagePatterns
{
    /// <summary>
    /// The matches of <paramref name="pattern"/> in <paramref name="text"/> that <paramref name="holds"/> accepts, found
    /// as <see cref="Regex.Matches(string)"/> would find them: a rejected match is searched again one character later.
    /// </summary>
    internal static IEnumerable<Match> Guarded(Regex pattern, string text, Func<Match, string, bool> holds)
    {
        var at = 0;
        while (at <= text.Length)
        {
            var match = pattern.Match(text, at);
            if (!match.Success) yield break;
            if (!holds(match, text))
            {
                at = match.Index + 1;
                continue;
            }

            yield return match;
            at = match.Index + Math.Max(1, match.Length);
        }
    }

    /// <summary>"and", "but" or a dash separates clauses only after a space; a comma or semicolon anywhere.</summary>
    internal static bool ClauseSeparatorHolds(Match match, string text) =>
        text[match.Index] is ',' or ';' || (match.Index > 0 && char.IsWhiteSpace(text[match.Index - 1]));
}
