using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// Finds the statements in a user message. The message is cut into sentences, and a sentence into clauses only where
/// the part after a comma, dash or "and" itself starts a statement, so that "Bosnia and Herzegovina" or
/// "tea, coffee and cake" stay whole. Each clause, once its greetings and fillers are skipped, is matched against the
/// statement patterns, which are all anchored at its start: a question ("what is my name") never reads as a statement.
/// </summary>
internal static partial class MessageParser
{
    private const int TrialWindow = 240;

    private static readonly FrozenSet<string> _abbreviations = Lexicon.English.Words("abbreviations");

    /// <summary>The statements of <paramref name="text"/>, in the order they appear. Never throws.</summary>
    public static IReadOnlyList<Statement> Parse(string? text) => ParseNormalized(MessageValues.Normalize(text));

    private static IReadOnlyList<Statement> ParseNormalized(string normalized)
    {
        var found = new List<Statement>();
        try
        {
            var allCaps = !normalized.Any(char.IsLower);
            foreach (var (start, end) in Sentences(normalized, allCaps))
                ParseSentence(normalized, start, end, allCaps, found);
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found before the pathological part of the message.
        }

        return found.AsReadOnly();
    }

    private static void ParseSentence(string text, int start, int end, bool allCaps, List<Statement> found)
    {
        var clauseStart = start;
        var separators = MessagePatterns.Guarded(MessagePatterns.ClauseSeparator(), text[start..end], MessagePatterns.ClauseSeparatorHolds);
        foreach (var separator in separators)
        {
            var next = start + separator.Index + separator.Length;
            if (next >= end || IsFactLeadAlone(text[clauseStart..next]) || !StartsStatement(text, next, end, allCaps)) continue;
            ParseClause(text, clauseStart, start + separator.Index, allCaps, found);
            clauseStart = next;
        }

        ParseClause(text, clauseStart, end, allCaps, found);
    }

    /// <summary>"Remember," on its own: what follows the comma is the fact, not a clause of its own.</summary>
    private static bool IsFactLeadAlone(string clause)
    {
        var opening = OpeningLength(clause, out _);
        var lead = MessagePatterns.FactLead().Match(clause, opening, clause.Length - opening);
        return lead.Success && clause.AsSpan(lead.Index + lead.Length).Trim().TrimStart(",;:").IsWhiteSpace();
    }

    /// <summary>
    /// The statements of a fact's words ("my name is Ada" in "remember that my name is Ada"), but not another fact nor
    /// a request to forget.
    /// </summary>
    public static IReadOnlyList<Statement> StatementsInFact(string fact) =>
        [.. ParseNormalized(MessageValues.Normalize(fact)).Where(s => s.Intent.Key is not (null or ContextKeys.Facts))];

    private static bool StartsStatement(string text, int start, int end, bool allCaps) =>
        ParseClause(text, start, Math.Min(end, start + TrialWindow), allCaps, []);

    /// <summary>Reads one clause (<paramref name="text"/>[start..end)); adds what it states to <paramref name="found"/>.</summary>
    private static bool ParseClause(string text, int start, int end, bool allCaps, List<Statement> found)
    {
        var clause = text[start..end];
        var opening = OpeningLength(clause, out var polite);
        var body = clause[opening..];
        var clauseFound = new List<Statement>();
        var reading = new Clause(body, polite, allCaps);
        foreach (var intent in Intents.Statements)
        {
            if (intent.TryRead(reading, clauseFound)) break;
        }

        var offset = start + opening;
        found.AddRange(clauseFound.Select(s => s with { Start = s.Start + offset, End = s.End + offset }));
        return clauseFound.Count > 0;
    }

    /// <summary>Where the statement of a clause may begin: after its fillers, and a request around them ("ok, I want you to please ...").</summary>
    private static int OpeningLength(string clause, out bool polite)
    {
        var filler = MessagePatterns.LeadingFiller().Match(clause);
        polite = filler.Length > 0 && MessagePatterns.RequestWords().IsMatch(filler.Value);
        var request = MessagePatterns.RequestLead().Match(clause, filler.Length, clause.Length - filler.Length);
        if (!request.Success) return filler.Length;

        var start = filler.Length + request.Length;
        var more = MessagePatterns.LeadingFiller().Match(clause, start, clause.Length - start);
        polite |= more.Length > 0 && MessagePatterns.RequestWords().IsMatch(more.Value);
        return start + more.Length;
    }

    /// <summary>
    /// The sentences of <paramref name="text"/> as [start, end) ranges: a sentence ends at a line break, or at
    /// <c>.</c>, <c>!</c>, <c>?</c> or <c>…</c> followed by a space, except after an abbreviation or an initial
    /// ("St. Louis", "J. R. R. Tolkien") unless a statement follows it.
    /// </summary>
    private static IEnumerable<(int Start, int End)> Sentences(string text, bool allCaps)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                yield return (start, i);
                start = i + 1;
                continue;
            }

            if (!IsTerminator(c)) continue;

            var last = i;
            while (last + 1 < text.Length && (IsTerminator(text[last + 1]) || text[last + 1] is '"' or '”' or '’' or ')'))
                last++;
            var atEnd = last + 1 >= text.Length;
            if (!atEnd && !char.IsWhiteSpace(text[last + 1]) && c is not ('。' or '！' or '？'))
            {
                i = last;
                continue;
            }

            if (!atEnd && c == '.' && last == i && IsAbbreviation(text, i)
                && !StartsStatement(text, last + 1, Math.Min(text.Length, last + 1 + TrialWindow), allCaps))
            {
                continue;
            }

            yield return (start, last + 1);
            start = last + 1;
            i = last;
        }

        if (start < text.Length) yield return (start, text.Length);
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '…' or '？' or '！' or '。';

    private static bool IsAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && char.IsLetter(text[start - 1])) start--;
        var word = text[start..dot];
        return (word.Length == 1 && char.IsUpper(word[0])) || _abbreviations.Contains(word);
    }
}
