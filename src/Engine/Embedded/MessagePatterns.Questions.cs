using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>The question and small-talk patterns, searched in what is left of a message once its statements are removed.</summary>
internal static partial class MessagePatterns
{
    internal static Regex FirstMessageQuestion() => Lexicon.English.Pattern(nameof(FirstMessageQuestion));

    internal static Regex LastMessageQuestion() => Lexicon.English.Pattern(nameof(LastMessageQuestion));

    internal static Regex MessageCountQuestion() => Lexicon.English.Pattern(nameof(MessageCountQuestion));

    /// <summary>
    /// "what do you remember", "what do you know about me"; not "what do you know about cats" nor "remember me to
    /// your sister" (see <see cref="MemoryQuestionHolds"/>).
    /// </summary>
    internal static Regex MemoryQuestion() => Lexicon.English.Pattern(nameof(MemoryQuestion));

    internal static Regex AllFavoritesQuestion() => Lexicon.English.Pattern(nameof(AllFavoritesQuestion));

    /// <summary>
    /// "what is my favorite color"; <c>after</c> shows where the topic ends (a symbol, an emoji, a filler such as
    /// "again" or "btw") and is not part of the question.
    /// </summary>
    internal static Regex FavoriteQuestion() => Lexicon.English.Pattern(nameof(FavoriteQuestion));

    /// <summary>
    /// A question that follows another one without its own question word, the group saying which: "... and my name",
    /// ", where I live", "&amp; what I like", "and my favorite food"; "my" may be left out too ("and city").
    /// </summary>
    internal static Regex ContinuedQuestion() => Lexicon.English.Pattern(nameof(ContinuedQuestion));

    /// <summary>Another topic after a favorite question: "what is my favorite color and food", "..., and my food".</summary>
    internal static Regex ContinuedFavoriteTopic() => Lexicon.English.Pattern(nameof(ContinuedFavoriteTopic));

    internal static Regex LikesQuestion() => Lexicon.English.Pattern(nameof(LikesQuestion));

    internal static Regex LikeCheckQuestion() => Lexicon.English.Pattern(nameof(LikeCheckQuestion));

    internal static Regex LocationQuestion() => Lexicon.English.Pattern(nameof(LocationQuestion));

    internal static Regex NameQuestion() => Lexicon.English.Pattern(nameof(NameQuestion));

    internal static Regex NameCheckQuestion() => Lexicon.English.Pattern(nameof(NameCheckQuestion));

    internal static Regex HowAreYouQuestion() => Lexicon.English.Pattern(nameof(HowAreYouQuestion));

    internal static Regex AboutYouQuestion() => Lexicon.English.Pattern(nameof(AboutYouQuestion));

    internal static Regex AboutMyThingQuestion() => Lexicon.English.Pattern(nameof(AboutMyThingQuestion));

    /// <summary>A greeting that opens the message.</summary>
    internal static Regex Greeting() => Lexicon.English.Pattern(nameof(Greeting));

    internal static Regex Thanks() => Lexicon.English.Pattern(nameof(Thanks));

    /// <summary>A goodbye that opens the message, perhaps after "ok" or "thanks".</summary>
    internal static Regex Farewell() => Lexicon.English.Pattern(nameof(Farewell));

    /// <summary>A message that asks something: opens with a question word or ends with a question mark.</summary>
    internal static Regex AsksSomething() => Lexicon.English.Pattern(nameof(AsksSomething));
}
