using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// The statement patterns of the embedded engine. Every pattern runs on the non-backtracking engine, so matching takes
/// time linear in the length of the input whatever it holds; the lookarounds that engine lacks are checked in code
/// instead (see <see cref="Guarded"/>). The match timeout is a last safety net, generous enough for a busy machine.
/// </summary>
internal static partial class MessagePatterns
{
    internal const int MatchTimeoutMilliseconds = 1000;

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    /// <summary>
    /// What may come before the words of a clause: a space, punctuation, a bullet, a symbol or part of an emoji (its
    /// surrogates, joiner, variation selector). Not a currency sign, nor the surrogates of letters (𠮷), and "#", "@",
    /// "*" or "&amp;" only before a space, so that "#1" or "@home" stay whole.
    /// </summary>
    private const string LeadingSymbol =
        @"(?:[\s\p{P}\p{Sm}\p{Sk}\p{So}\p{Cf}\p{Me}\uFE0E\uFE0F\uD83C-\uD83E\uDB40\uDC00-\uDFFF-[#@*&]]|[#@*&]+\s)";

    /// <summary>Greetings, fillers and polite request words that may open a clause ("Hi, well, could you ...").</summary>
    [GeneratedRegex(
        @"^(?:" + LeadingSymbol + @"|(?:hi|hello|hey|hiya|howdy|greetings|yo|good\s+(?:morning|afternoon|evening|day)|morning|there|well|so|ok|okay|oh|and|also|but|btw|by\s+the\s+way|anyway|actually|um+|uh+|hmm+|er|yeah|yes|yep|no|nope|sure|lol|haha|please|pls|plz|kindly|just|now|alright|right|listen|look|fyi|(?:can|could|would|will)\s+you)\b)*",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex LeadingFiller();

    /// <summary>A request that may open a statement after the fillers: "I want you to forget ...", "then forget ...".</summary>
    [GeneratedRegex(
        @"^(?:then\b|i(?:\s+(?:want|need|would\s+like|am\s+asking)|['’]?d\s+like|['’]?m\s+asking)\s+you\s+to\b|you\s+(?:can|could|should|may|must)\s|go\s+ahead\s+and\b)",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex RequestLead();

    /// <summary>Words in a clause opening that turn an imperative into a polite request ("could you call me ...?").</summary>
    [GeneratedRegex(@"\b(?:please|pls|plz|kindly|can\s+you|could\s+you|would\s+you|will\s+you)\b", Options, MatchTimeoutMilliseconds)]
    internal static partial Regex RequestWords();

    /// <summary>"my name is", "call me", "I'm called", "I go by"; "my name is actually" for a correction.</summary>
    [GeneratedRegex(
        @"^(?:(?<explicit>(?:my\s+(?:first\s+)?name\s*(?:is\b|['’]s\b|=|:)|(?:the\s+)?name\s*(?:is\b|['’]s\b|:)|i\s*(?:['’]m|\s+am)\s+(?:(?:actually|really)\s+)?called\b|i\s+go\s+by\b)(?:\s+(?:actually|really|now)\b)?)|(?<callme>(?:(?:you\s+(?:can|may|should|could)|everyone|everybody|people|(?:my\s+)?friends|they|just|simply)\s+)*call(?:s)?\s+me\b))\s*:?",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex NameLead();

    /// <summary>"I'm" / "I am" on its own, a candidate for a bare name ("I'm Ada").</summary>
    [GeneratedRegex(@"^i(?:['’]?m|\s+am)\s+", Options, MatchTimeoutMilliseconds)]
    internal static partial Regex BareNameLead();

    /// <summary>One word of a name: letters, marks and digits, joined by apostrophes, hyphens or dots (Jean-Luc, O'Brien).</summary>
    [GeneratedRegex(@"^[\p{L}\p{M}\p{N}]+(?:['’\-.][\p{L}\p{M}\p{N}]+)*\.?$", Options, MatchTimeoutMilliseconds)]
    internal static partial Regex NameWord();

    /// <summary>"I live in", "I'm from", "I am from", "I come from", "I'm based in", "I moved to", "my hometown is".</summary>
    [GeneratedRegex(
        @"^(?:i\s+(?:(?:currently|now|still|also|actually)\s+)?(?:live|reside|stay)\s+in|i(?:['’]?m|\s+am)\s+(?:(?:originally|actually|also)\s+)?from|i\s+(?:(?:originally|actually|also)\s+)?come\s+from|i(?:['’]?m|\s+am)\s+(?:(?:currently|now)\s+)?(?:based|living|located)\s+in|i\s+(?:just\s+|recently\s+)?moved\s+to|i\s+grew\s+up\s+in|my\s+home\s*town\s+is|my\s+home\s+is\s+in)\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex LocationLead();

    /// <summary>"I like", "I love", "I enjoy", "I really like", "I'm into", "I'm a big fan of".</summary>
    [GeneratedRegex(
        @"^(?:i\s+(?:(?:really|also|just|absolutely|truly|totally|especially|do|still|kinda|sort\s+of|kind\s+of|quite|definitely|genuinely|simply)\s+)*(?<verb>like|love|enjoy|adore)|i(?:['’]?m|\s+am)\s+(?:(?:really|also|totally|quite|very|so)\s+)*(?:into|fond\s+of|a\s+(?:(?:big|huge)\s+)?fan\s+of|passionate\s+about|keen\s+on))\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex LikeLead();

    /// <summary>"my favorite T is", "my favourite T's", "my fave T =".</summary>
    [GeneratedRegex(
        @"^my\s+(?:(?:absolute|all[\s-]time|very|most)\s+)*(?:favou?rite|fave|fav)\s+(?<topic>[\p{L}\p{M}][\p{L}\p{M}\-'’ ]{0,40}?)\s*(?:\s(?:is|are|was|would\s+be)\b|['’]s\b|=|:)",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex FavoriteLead();

    /// <summary>"blue is my favorite color": the value first, the topic last (applied to a whole clause).</summary>
    [GeneratedRegex(
        @"^(?<value>[^,;:?]{1,60}?)\s+(?:is|are)\s+my\s+(?:(?:absolute|all[\s-]time|very)\s+)*(?:favou?rite|fave|fav)\s+(?<topic>[\p{L}\p{M}][\p{L}\p{M}\-'’ ]{0,40}?)\s*[.!;…]*\s*$",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex FavoriteReversed();

    /// <summary>"remember that", "please remember", "remember:", "remember,", "don't forget that", "keep in mind that".</summary>
    [GeneratedRegex(
        @"^(?:(?:remember|memori[sz]e)\b(?<that>\s+that\b|\s+(?:this|the\s+following)\s*:|\s*[:,])?|(?:don['’]?t|do\s+not|never)\s+forget\b(?<that>\s+that\b|\s*[:,])?|keep\s+in\s+mind\b(?<that>\s+that\b|\s*[:,])?|(?:make\s+a\s+)?note(?<that>\s+that\b|\s*[:,]))",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex FactLead();

    /// <summary>"forget", "delete", "erase" ... followed by what to forget.</summary>
    [GeneratedRegex(@"^(?:forget|delete|erase|clear|remove|wipe)\s+(?:about\s+)?", Options, MatchTimeoutMilliseconds)]
    internal static partial Regex ForgetLead();

    /// <summary>
    /// What a forget request names: one target, with the group saying which. A bare "all" followed by "my", "the" or
    /// "of" is not "everything" (see <see cref="ForgetTargetHolds"/>); <c>after</c> is the text that shows where a
    /// favorite's topic ends, not part of the target.
    /// </summary>
    [GeneratedRegex(
        @"^(?:(?:(?<favorites>(?:all\s+)?(?:my|the)\s+(?:favou?rites|faves|favou?rite\s+things))|(?<facts>(?:all\s+)?(?:the|my)\s+facts|facts|what\s+i\s+(?:told|asked)\s+you\s+to\s+remember|(?:the\s+)?things\s+i\s+(?:told|asked)\s+you\s+to\s+remember|what\s+you\s+remember)|(?<name>(?:my|the)\s+name|who\s+i\s+am|what\s+(?:my\s+name\s+is|i['’]?m\s+called|to\s+call\s+me))|(?<location>where\s+i(?:\s+live|\s+am\s+(?:from|based)|['’]m\s+(?:from|based)|\s+come\s+from)|(?:my|the)\s+(?:location|address|city|country|home\s*town|home))|(?<likes>what\s+i\s+(?:like|love|enjoy)|(?:all\s+)?(?:my|the)\s+likes|(?:the\s+)?things\s+i\s+(?:like|love|enjoy)|my\s+(?:interests|hobbies))|(?<job>(?:my|the)\s+(?:job|profession|occupation)|what\s+i\s+do(?:\s+for\s+a\s+living)?)|(?<pets>(?:all\s+)?(?:my|the)\s+pets))\b|(?<favorite>(?:my|the)\s+(?:favou?rite|fave|fav)\s+(?<topic>[\p{L}\p{M}][\p{L}\p{M}\-'’ ]{0,40}?))\b(?<after>\s*(?:$|[^\p{L}\p{M}\s\-'’]|\s(?:and|please|too|as\s+well|now|then|thanks)\b))|(?<everything>everything(?:\s+(?:you\s+know|about\s+me|i\s+(?:said|told\s+you)))*|(?<all>all(?:\s+of\s+it|\s+about\s+me)?)|it\s+all|about\s+me|me|what\s+you\s+know(?:\s+about\s+me)?)\b)",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex ForgetTarget();

    /// <summary>What may join two forget targets: "my name and where I live", "my name, and forget my city".</summary>
    [GeneratedRegex(@"^\s*,?\s*(?:(?:and|&)\s+)?(?:also\s+)?(?:(?:forget|delete|erase|clear|remove|wipe)\s+(?:about\s+)?)?", Options, MatchTimeoutMilliseconds)]
    internal static partial Regex ForgetJoin();

    /// <summary>
    /// Where a clause may end and, if a statement follows, the next one begin: commas, dashes, "and", "but". A word or
    /// dash only separates after a space (see <see cref="ClauseSeparatorHolds"/>).
    /// </summary>
    [GeneratedRegex(
        @"(?:[,;]|(?:[-–—]|and|but|so|also|plus|then|&)\s)(?:\s*(?:and|but|so|also|plus|then)\b)*\s*",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex ClauseSeparator();

    /// <summary>Words that, right after a comma, start another thought instead of the next item of a value.</summary>
    private const string ThoughtAfterComma =
        @"(?:and|but|or|so|i|i['’]m|im|i['’]ve|i['’]d|you|you['’]re|we|he|she|they|it|it['’]s|its|that|that['’]s|this|there|what|how|where|who|why|when|do|does|did|is|are|can|could|would|will|though|btw|thanks|thank|please|lol|haha|nice|right|ok|okay|yes|no|my|your)\b";

    /// <summary>
    /// Where a like, favorite or location value stops: a conjunction that starts another thought. Only the index of
    /// the first match counts, which is always where a run of spaces begins.
    /// </summary>
    [GeneratedRegex(
        @"\s+(?:but|because|since|although|though|whereas|while|when|if|unless|so)\b|(?:[,;]\s*|\s+)(?:and|&)\s+(?:i|i['’]m|im|i['’]ve|i['’]d|i['’]ll|you|you['’]re|we|he|she|they|it|it['’]s|that['’]s|there|my|your|what|how|where|who|why|do|does|did|is|are|can|could|would|will)\b|[,;]\s*" + ThoughtAfterComma + @"|\s+[-–—]\s|\s*\(",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex ValueStop();

    /// <summary>The word after ", and" starts another thought ("tea, and thanks"), not the last item of a list.</summary>
    [GeneratedRegex(@"^\s*" + ThoughtAfterComma, Options, MatchTimeoutMilliseconds)]
    internal static partial Regex ThoughtFollows();

    /// <summary>Extra stops for a location: "London with my wife", "Paris for now", "Rome, which ...".</summary>
    [GeneratedRegex(@"\s+(?:which|who|where|with|for|as)\b", Options, MatchTimeoutMilliseconds)]
    internal static partial Regex LocationStop();

    /// <summary>A follow-on place after a comma: one to four words that are not lower case ("London, England").</summary>
    [GeneratedRegex(@"^,\s*[^\s\p{Ll}\p{P}][^\s,]*(?:\s+[^\s\p{Ll}\p{P}][^\s,]*){0,3}$", Options & ~RegexOptions.IgnoreCase, MatchTimeoutMilliseconds)]
    internal static partial Regex PlaceContinuation();

    /// <summary>"from London" right after a name: "I'm Ada from London".</summary>
    [GeneratedRegex(@"^\s*,?\s*(?:and\s+)?(?:i(?:['’]?m|\s+am)\s+)?from\s+", Options, MatchTimeoutMilliseconds)]
    internal static partial Regex FromAfterName();
}
