using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// One question the embedded engine knows how to answer: its pattern (by name, in the lexicon), how it reads the words
/// that shape its answer, and its answer. Registered, in the order they are tried, in <see cref="Intents"/>.
/// </summary>
internal abstract class QuestionIntent(string patternName)
{
    /// <summary>The pattern that finds the question anywhere in what is left of a message once its statements are blanked out.</summary>
    public Regex Pattern { get; } = Lexicon.English.Pattern(patternName);

    /// <summary>Whether a match is the question after all: what a lookaround would have said (see <see cref="MessagePatterns.Guarded"/>).</summary>
    public virtual bool Holds(Match match, string text) => true;

    /// <summary>The question a match asks, ending at <paramref name="end"/>, with the words that shape its answer.</summary>
    public virtual Question Read(Match match, int end) => new(this, match.Index, end);

    /// <summary>The answer to <paramref name="question"/>.</summary>
    public abstract string Answer(Question question, Asked asked);
}
