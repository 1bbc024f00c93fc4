using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>The question and small-talk patterns, searched in what is left of a message once its statements are removed.</summary>
internal static partial class MessagePatterns
{
    [GeneratedRegex(
        @"\b(?:what(?:['’]?s|\s+is|\s+was|\s+were)\s+(?:my|the)\s+(?:very\s+)?first\s+(?:message|msg|question|words?|thing\s+i\s+(?:said|wrote|sent|asked|told\s+you))|what(?:\s+(?:message|msg))?\s+did\s+i\s+(?:say|write|send|ask|tell\s+you)(?:\s+(?:to\s+)?you)?\s+(?:first|at\s+first|at\s+the\s+(?:start|beginning)|in\s+the\s+beginning)|what\s+did\s+i\s+first\s+(?:say|write|send|ask)|what\s+did\s+i\s+(?:say|write|send|ask)(?:\s+(?:to\s+)?you)?\s+in\s+(?:my|the)\s+(?:very\s+)?first\s+(?:message|msg)|(?:(?:do|did|can|could)\s+you\s+(?:know|remember|recall|repeat)|(?:tell|remind|show)\s+me(?:\s+of)?|repeat)\s+(?:what\s+)?(?:my|the)\s+(?:very\s+)?first\s+(?:message|msg|question|words?|thing\s+i\s+(?:said|wrote|sent|asked|told\s+you))|how\s+did\s+i\s+start\s+(?:this|the|our)\s+(?:conversation|chat))\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex FirstMessageQuestion();

    [GeneratedRegex(
        @"\b(?:what(?:['’]?s|\s+is|\s+was)\s+my\s+(?:last|previous)\s+(?:message|msg|question)|what\s+did\s+i\s+just\s+(?:say|write|ask)|what\s+did\s+i\s+(?:say|write)\s+(?:last|before\s+this|previously))\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex LastMessageQuestion();

    [GeneratedRegex(
        @"\b(?:what(?:['’]?s|\s+is)\s+the\s+(?:total\s+)?number\s+of\s+(?:messages|msgs|texts)|how\s+many\s+(?:messages|msgs|texts|times\s+(?:have|did)\s+i\s+(?:written|write|messaged|message|texted|text|talked|spoken|chatted|written\s+to\s+you)))\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex MessageCountQuestion();

    /// <summary>
    /// "what do you remember", "what do you know about me"; not "what do you know about cats" nor "remember me to
    /// your sister" (see <see cref="MemoryQuestionHolds"/>).
    /// </summary>
    [GeneratedRegex(
        @"\b(?:(?<know>what\s+(?:else\s+)?(?:do|did|can)\s+you\s+(?:remember|know|recall)(?:\s+about\s+(?:me|myself))?)|what\s+(?:have|did)\s+i\s+(?:told|tell)\s+you(?:\s+about\s+(?:me|myself))?|(?:tell|remind)\s+me\s+what\s+you\s+(?:know|remember)|(?<rememberme>(?:(?:do|did)\s+you\s+)?remember\s+me)|what(?:['’]?s|\s+is)\s+in\s+your\s+memory|what\s+have\s+you\s+learned(?:\s+about\s+me)?)\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex MemoryQuestion();

    [GeneratedRegex(
        @"\b(?:what\s+(?:are|were)|(?:tell|remind)\s+me|(?:do|did)\s+you\s+(?:know|remember))\s+(?:all\s+)?my\s+(?:favou?rites|faves|favou?rite\s+things)\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex AllFavoritesQuestion();

    /// <summary>
    /// What shows where the topic of a favorite question ends (a symbol, an emoji, a filler such as "again" or "btw"),
    /// captured as <c>after</c>, which is not part of the question.
    /// </summary>
    private const string AfterTopic =
        @"(?<after>\s*(?:$|[^\p{L}\p{M}\s\-'’]|\s(?:and|again|then|now|please|pls|is|are|was|were|btw|by\s+the\s+way|anyway|though|tho|lol|haha|exactly|actually)\b))";

    /// <summary>"favorite color" after "my": the spelling of "favorite", then the topic up to <see cref="AfterTopic"/>.</summary>
    private const string FavoriteTopic =
        @"(?:(?:absolute|all[\s-]time)\s+)?(?<spelling>favou?rite|fave|fav)\s+(?<topic>[\p{L}\p{M}][\p{L}\p{M}\-'’ ]{0,40}?)" + AfterTopic;

    /// <summary>"do you think", "would you say": a question put as asking what the engine thinks.</summary>
    private const string YouThink = @"(?:do|did|would|will|can)\s+(?:you|u)\s+(?:think|reckon|guess|say|believe|suppose|imagine)(?:\s+that)?";

    /// <summary>Words that wonder about what follows: "any idea what ...", "I wonder where ...".</summary>
    private const string Wondering = @"(?:(?:any|no)\s+idea|i\s+wonder|i\s+(?:forgot|forget)|i\s+can['’]?t\s+remember)";

    /// <summary>
    /// An invitation to guess, at the start of a clause or after "can you", "ok", "now" ...: "guess my name", "can you
    /// guess where I live"; not "I guess my name is odd". Not behind a <c>\b</c>, since it may start at punctuation.
    /// </summary>
    private const string Guess =
        @"(?:^\W*|[.!?,;:]\s*|\b(?:(?:can|could|will|would)\s+(?:you|u)|ok|okay|so|now|then|and|try\s+to)\s+)guess";

    /// <summary>What joins a question to the next one that leaves out its question word: ", and", "&amp;", "plus".</summary>
    private const string QuestionJoin = @"^(?:\s*[,;&]\s*(?:(?:and|plus)\s+)?|\s+(?:and|plus)\s+)(?:(?:also|what\s+about|how\s+about)\s+)?";

    /// <summary>
    /// "what is my favorite color"; <c>after</c> shows where the topic ends (a symbol, an emoji, a filler such as
    /// "again" or "btw") and is not part of the question.
    /// </summary>
    [GeneratedRegex(
        @"(?:\b(?:what(?:['’]?s|\s+is|\s+are|\s+was|\s+were)|(?:(?:do|did)\s+you\s+(?:know|remember|recall)|(?:tell|remind)\s+me)(?:\s+what)?|what\s+(?:did\s+i\s+(?:say|tell\s+you)|have\s+i\s+(?:said|told\s+you))|which\s+is|what\s+" + YouThink + @"|" + Wondering + @"\s+what)|" + Guess + @"(?:\s+what)?)\s+my\s+" + FavoriteTopic,
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex FavoriteQuestion();

    /// <summary>
    /// A question that follows another one without its own question word, the group saying which: "... and my name",
    /// ", where I live", "&amp; what I like", "and my favorite food"; "my" may be left out too ("and city").
    /// </summary>
    [GeneratedRegex(
        QuestionJoin + @"(?:(?<name>(?:my\s+)?(?:first\s+)?name|(?<who>who\s+i\s+am))\b|(?<location>where\s+i(?:\s+(?<verb>live|come\s+from|stay)|\s+am\s+(?<verb>from)|['’]m\s+(?<verb>from))|(?:my\s+)?(?:location|city|town|country|home\s*town|address))\b|(?<likes>what\s+i\s+(?<verb>like|love|enjoy)|(?:my\s+)?(?:likes|interests|hobbies))\b|(?<favorite>(?:my\s+)?" + FavoriteTopic + "))",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex ContinuedQuestion();

    /// <summary>Another topic after a favorite question: "what is my favorite color and food", "..., and my food".</summary>
    [GeneratedRegex(
        QuestionJoin + @"(?:my\s+)?(?<topic>[\p{L}\p{M}][\p{L}\p{M}\-'’]*(?:\s[\p{L}\p{M}][\p{L}\p{M}\-'’]*)?)" + AfterTopic,
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex ContinuedFavoriteTopic();

    [GeneratedRegex(
        @"\b(?:what\s+(?:(?:things|stuff|else)\s+)?(?:do|did)\s+i\s+(?:(?:really|also)\s+)?(?<verb>like|love|enjoy)|what\s+are\s+my\s+(?:likes|interests|hobbies)|(?:do|did)\s+you\s+(?:know|remember)\s+what\s+i\s+(?<verb>like|love|enjoy)|(?:(?:tell|remind)\s+me|" + Wondering + @")\s+what\s+i\s+(?<verb>like|love|enjoy)|what\s+(?:have\s+i\s+said|did\s+i\s+say)\s+i\s+(?<verb>like|love|enjoy)|what\s+" + YouThink + @"\s+i\s+(?<verb>like|love|enjoy))\b|" + Guess + @"\s+what\s+i\s+(?<verb>like|love|enjoy)\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex LikesQuestion();

    [GeneratedRegex(@"\bdo\s+i\s+(?:really\s+)?(?<verb>like|love|enjoy)\s+(?<thing>[^?.!,;\n]{1,60})", Options, MatchTimeoutMilliseconds)]
    internal static partial Regex LikeCheckQuestion();

    [GeneratedRegex(
        @"\b(?:where\s+(?:do|did)\s+i\s+(?<verb>live|come\s+from|stay|reside)|where\s+am\s+i\s+(?<verb>from|based|living|located)|where\s+(?:did\s+i\s+(?:say|tell\s+you|mention)|have\s+i\s+(?:said|told\s+you))\s+(?:that\s+)?i(?:\s+(?<verb>live|lived|come\s+from|came\s+from|am\s+from|was\s+from|stay)|['’]m\s+(?<verb>from))|(?:what|which)\s+(?:city|town|country|state|place)\s+(?:(?:do|did)\s+)?i\s+(?<verb>live|come\s+from|stay|reside)|(?:what|which)\s+(?:city|town|country|state|place)\s+(?:am\s+i|i\s+am|i['’]m)\s+(?<verb>from|based|living|located)|where(?:['’]?s|\s+is)\s+(?:my\s+)?home|(?:(?:(?:do|did)\s+you\s+(?:know|remember)|(?:tell|remind)\s+me|" + Wondering + @")\s+where|where\s+" + YouThink + @")\s+i(?:\s+(?<verb>live|come\s+from|am\s+from)|['’]m\s+(?<verb>from))|what(?:['’]?s|\s+is)\s+my\s+(?:location|city|country|home\s*town|address))\b|" + Guess + @"\s+where\s+i(?:\s+(?<verb>live|come\s+from|am\s+from)|['’]m\s+(?<verb>from))\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex LocationQuestion();

    [GeneratedRegex(
        @"\b(?:what(?:['’]?s|\s+is|\s+was)\s+my\s+(?:first\s+)?name|what\s+(?:(?:did\s+i\s+(?:say|tell\s+you)|have\s+i\s+(?:said|told\s+you))\s+)?my\s+(?:first\s+)?name\s+(?:is|was)|(?<who>who\s+am\s+i)|what\s+am\s+i\s+called|what\s+do\s+you\s+call\s+me|(?:know|remember|recall|forgot(?:ten)?|(?:you|u|don['’]?t|do\s+not|never)\s+forget)\s+(?:my\s+name|who\s+i\s+am)|(?:tell|remind)\s+me\s+my\s+name|say\s+my\s+name|what\s+" + YouThink + @"\s+my\s+(?:first\s+)?name\s+(?:is|was))\b|" + Guess + @"\s+(?:(?:what\s+)?my\s+(?:first\s+)?name|(?<who>who\s+i\s+am))\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex NameQuestion();

    [GeneratedRegex(@"\bis\s+my\s+name\s+(?<candidate>[^?.!,;\n]{1,40})", Options, MatchTimeoutMilliseconds)]
    internal static partial Regex NameCheckQuestion();

    [GeneratedRegex(
        @"\b(?:how\s+are\s+you|how\s+r\s+u|what['’]?s\s+up|how\s+have\s+you\s+been|how(?:['’]?s|\s+is)\s+it\s+going|how\s+do\s+you\s+do|how\s+are\s+things|how(?:['’]?s|\s+is)\s+your\s+day)\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex HowAreYouQuestion();

    [GeneratedRegex(
        @"\b(?:who\s+are\s+you|what\s+are\s+you|what(?:['’]?s|\s+is)\s+your\s+name|do\s+you\s+have\s+a\s+name|are\s+you\s+(?:an?\s+)?(?:robot|bot|human|person|real|ai|machine|computer|program)|what\s+can\s+you\s+do|how\s+do\s+you\s+work|what\s+should\s+i\s+(?:say|tell\s+you))\b|^\W*help(?:\s+me)?\W*$",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex AboutYouQuestion();

    [GeneratedRegex(
        @"\b(?:(?:what|who|where|when|which|how)(?:\s+[\p{L}\p{M}]+){0,2}?(?:['’]s|\s+is|\s+are|\s+was|\s+were)|(?:do|did)\s+you\s+(?:know|remember))\s+my\s+(?<thing>[^?.!,;\n]{1,60})",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex AboutMyThingQuestion();

    /// <summary>A greeting that opens the message.</summary>
    [GeneratedRegex(
        @"^" + LeadingSymbol + @"*(?<greeting>hello|hiya|hi|hey|howdy|greetings|yo|good\s+(?:morning|afternoon|evening|day)|morning|afternoon|evening)\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex Greeting();

    [GeneratedRegex(@"\b(?:thank\s*(?:you|u|ya)|thanks|thanx|thx|cheers|much\s+appreciated|many\s+thanks)\b", Options, MatchTimeoutMilliseconds)]
    internal static partial Regex Thanks();

    /// <summary>A goodbye that opens the message, perhaps after "ok" or "thanks".</summary>
    [GeneratedRegex(
        @"^" + LeadingSymbol + @"*(?:(?:ok(?:ay)?|well|thanks|thank\s+you|alright)\b" + LeadingSymbol + @"*)*(?<farewell>bye\s+bye|bye|goodbye|good\s*bye|see\s+you|see\s+ya|good\s*night|farewell|talk\s+(?:to\s+you\s+)?(?:later|soon)|ttyl|cya)\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex Farewell();

    /// <summary>A message that asks something: opens with a question word or ends with a question mark.</summary>
    [GeneratedRegex(
        @"^" + LeadingSymbol + @"*(?:what|who|where|when|why|how|which|whose|do|does|did|is|are|am|can|could|would|will|should|have|has|tell\s+me)\b|[?？][^\p{L}\p{N}?？]*$",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex AsksSomething();
}
