using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"what do you remember", "what do you know about me": everything remembered, slot by slot.</summary>
internal sealed class MemoryQuestion() : QuestionIntent("memoryQuestion")
{
    /// <summary>"what do you know" is not followed by "about" (unless about me), nor "remember me" by "to", "that" ....</summary>
    public override bool Holds(Match match, string text)
    {
        var end = match.Index + match.Length;
        return !(match.Groups["know"].Success && Lexicon.English.Pattern("aboutFollows").IsMatch(text.AsSpan(end)))
            && !(match.Groups["rememberme"].Success && Lexicon.English.Pattern("rememberMeFollows").IsMatch(text.AsSpan(end)));
    }

    public override string Answer(Question question, Asked asked) => SaidBack.Everything(asked.Context, asked.Request);
}
