using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// The lexicon's patterns that more than one part of the engine reads (the intents read their own): clause openings,
/// value stops, name words. Every pattern runs on the non-backtracking engine (see <see cref="Lexicon"/>), so matching
/// takes time linear in the length of the input whatever it holds; the lookarounds that engine lacks are checked in
/// code instead (see <see cref="Guarded"/>).
/// </summary>
internal static partial class MessagePatterns
{
    /// <summary>Greetings, fillers and polite request words that may open a clause ("Hi, well, could you ...").</summary>
    internal static Regex LeadingFiller() => Lexicon.English.Pattern(nameof(LeadingFiller));

    /// <summary>A request that may open a statement after the fillers: "I want you to forget ...", "then forget ...".</summary>
    internal static Regex RequestLead() => Lexicon.English.Pattern(nameof(RequestLead));

    /// <summary>Words in a clause opening that turn an imperative into a polite request ("could you call me ...?").</summary>
    internal static Regex RequestWords() => Lexicon.English.Pattern(nameof(RequestWords));

    /// <summary>One word of a name: letters, marks and digits, joined by apostrophes, hyphens or dots (Jean-Luc, O'Brien).</summary>
    internal static Regex NameWord() => Lexicon.English.Pattern(nameof(NameWord));

    /// <summary>"remember that", "please remember", "remember:", "remember,", "don't forget that", "keep in mind that".</summary>
    internal static Regex FactLead() => Lexicon.English.Pattern(nameof(FactLead));

    /// <summary>
    /// Where a clause may end and, if a statement follows, the next one begin: commas, dashes, "and", "but". A word or
    /// dash only separates after a space (see <see cref="ClauseSeparatorHolds"/>).
    /// </summary>
    internal static Regex ClauseSeparator() => Lexicon.English.Pattern(nameof(ClauseSeparator));

    /// <summary>
    /// Where a like, favorite or location value stops: a conjunction that starts another thought. Only the index of
    /// the first match counts, which is always where a run of spaces begins.
    /// </summary>
    internal static Regex ValueStop() => Lexicon.English.Pattern(nameof(ValueStop));

    /// <summary>The word after ", and" starts another thought ("tea, and thanks"), not the last item of a list.</summary>
    internal static Regex ThoughtFollows() => Lexicon.English.Pattern(nameof(ThoughtFollows));

    /// <summary>Extra stops for a location: "London with my wife", "Paris for now", "Rome, which ...".</summary>
    internal static Regex LocationStop() => Lexicon.English.Pattern(nameof(LocationStop));

    /// <summary>A follow-on place after a comma: one to four words that are not lower case ("London, England").</summary>
    internal static Regex PlaceContinuation() => Lexicon.English.Pattern(nameof(PlaceContinuation));

    /// <summary>"from London" right after a name: "I'm Ada from London".</summary>
    internal static Regex FromAfterName() => Lexicon.English.Pattern(nameof(FromAfterName));
}
