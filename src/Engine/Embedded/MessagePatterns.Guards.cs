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

    /// <summary>"what do you know" is not followed by "about" (unless about me), nor "remember me" by "to", "that" ....</summary>
    internal static bool MemoryQuestionHolds(Match match, string text)
    {
        var end = match.Index + match.Length;
        return !(match.Groups["know"].Success && AboutFollows().IsMatch(text.AsSpan(end)))
            && !(match.Groups["rememberme"].Success && RememberMeFollows().IsMatch(text.AsSpan(end)));
    }

    /// <summary>"and", "but" or a dash separates clauses only after a space; a comma or semicolon anywhere.</summary>
    internal static bool ClauseSeparatorHolds(Match match, string text) =>
        text[match.Index] is ',' or ';' || (match.Index > 0 && char.IsWhiteSpace(text[match.Index - 1]));

    /// <summary>"forget all my likes" does not forget everything: "all" counts only when not followed by "my", "the" or "of".</summary>
    internal static bool ForgetTargetHolds(Match match, string text)
    {
        var all = match.Groups["all"];
        return !all.Success
            || !OwnerWordFollows().IsMatch(text.AsSpan(all.Index + all.Length))
            || !OwnerWordFollows().IsMatch(text.AsSpan(all.Index + "all".Length));
    }

    private static Regex AboutFollows() => Lexicon.English.Pattern(nameof(AboutFollows));

    private static Regex RememberMeFollows() => Lexicon.English.Pattern(nameof(RememberMeFollows));

    private static Regex OwnerWordFollows() => Lexicon.English.Pattern(nameof(OwnerWordFollows));
}
