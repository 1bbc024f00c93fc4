using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>The small-talk patterns and those that join questions, searched in what is left of a message once its statements are removed.</summary>
internal static partial class MessagePatterns
{
    /// <summary>
    /// A question that follows another one without its own question word, the group saying which: "... and my name",
    /// ", where I live", "&amp; what I like", "and my favorite food"; "my" may be left out too ("and city").
    /// </summary>
    internal static Regex ContinuedQuestion() => Lexicon.English.Pattern(nameof(ContinuedQuestion));

    /// <summary>Another topic after a favorite question: "what is my favorite color and food", "..., and my food".</summary>
    internal static Regex ContinuedFavoriteTopic() => Lexicon.English.Pattern(nameof(ContinuedFavoriteTopic));

    /// <summary>A greeting that opens the message.</summary>
    internal static Regex Greeting() => Lexicon.English.Pattern(nameof(Greeting));

    /// <summary>"thank you", "thanks", "cheers".</summary>
    internal static Regex Thanks() => Lexicon.English.Pattern(nameof(Thanks));

    /// <summary>A goodbye that opens the message, perhaps after "ok" or "thanks".</summary>
    internal static Regex Farewell() => Lexicon.English.Pattern(nameof(Farewell));

    /// <summary>A message that asks something: opens with a question word or ends with a question mark.</summary>
    internal static Regex AsksSomething() => Lexicon.English.Pattern(nameof(AsksSomething));
}
