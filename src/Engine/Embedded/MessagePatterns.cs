using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// The statement patterns of the embedded engine. Every pattern runs on the non-backtracking engine, so matching takes
/// time linear in the length of the input whatever it holds; the lookarounds that engine lacks are checked in code
/// instead (see <see cref="Guarded"/>). The match timeout is a last safety net, generous enough for a busy machine.
/// </summary>
internal static partial class MessagePatterns
{
    /// <summary>Greetings, fillers and polite request words that may open a clause ("Hi, well, could you ...").</summary>
    internal static Regex LeadingFiller() => Lexicon.English.Pattern(nameof(LeadingFiller));

    /// <summary>A request that may open a statement after the fillers: "I want you to forget ...", "then forget ...".</summary>
    internal static Regex RequestLead() => Lexicon.English.Pattern(nameof(RequestLead));

    /// <summary>Words in a clause opening that turn an imperative into a polite request ("could you call me ...?").</summary>
    internal static Regex RequestWords() => Lexicon.English.Pattern(nameof(RequestWords));

    /// <summary>"my name is", "call me", "I'm called", "I go by"; "my name is actually" for a correction.</summary>
    internal static Regex NameLead() => Lexicon.English.Pattern(nameof(NameLead));

    /// <summary>"I'm" / "I am" on its own, a candidate for a bare name ("I'm Ada").</summary>
    internal static Regex BareNameLead() => Lexicon.English.Pattern(nameof(BareNameLead));

    /// <summary>One word of a name: letters, marks and digits, joined by apostrophes, hyphens or dots (Jean-Luc, O'Brien).</summary>
    internal static Regex NameWord() => Lexicon.English.Pattern(nameof(NameWord));

    /// <summary>"I live in", "I'm from", "I am from", "I come from", "I'm based in", "I moved to", "my hometown is".</summary>
    internal static Regex LocationLead() => Lexicon.English.Pattern(nameof(LocationLead));

    /// <summary>"I like", "I love", "I enjoy", "I really like", "I'm into", "I'm a big fan of".</summary>
    internal static Regex LikeLead() => Lexicon.English.Pattern(nameof(LikeLead));

    /// <summary>"my favorite T is", "my favourite T's", "my fave T =".</summary>
    internal static Regex FavoriteLead() => Lexicon.English.Pattern(nameof(FavoriteLead));

    /// <summary>"blue is my favorite color": the value first, the topic last (applied to a whole clause).</summary>
    internal static Regex FavoriteReversed() => Lexicon.English.Pattern(nameof(FavoriteReversed));

    /// <summary>"remember that", "please remember", "remember:", "remember,", "don't forget that", "keep in mind that".</summary>
    internal static Regex FactLead() => Lexicon.English.Pattern(nameof(FactLead));

    /// <summary>"forget", "delete", "erase" ... followed by what to forget.</summary>
    internal static Regex ForgetLead() => Lexicon.English.Pattern(nameof(ForgetLead));

    /// <summary>
    /// What a forget request names: one target, with the group saying which. A bare "all" followed by "my", "the" or
    /// "of" is not "everything" (see <see cref="ForgetTargetHolds"/>); <c>after</c> is the text that shows where a
    /// favorite's topic ends, not part of the target.
    /// </summary>
    internal static Regex ForgetTarget() => Lexicon.English.Pattern(nameof(ForgetTarget));

    /// <summary>What may join two forget targets: "my name and where I live", "my name, and forget my city".</summary>
    internal static Regex ForgetJoin() => Lexicon.English.Pattern(nameof(ForgetJoin));

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
