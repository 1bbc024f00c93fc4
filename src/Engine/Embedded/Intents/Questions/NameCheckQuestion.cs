using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"is my name Ada?": checked against the name by whole words.</summary>
internal sealed class NameCheckQuestion() : QuestionIntent("nameCheckQuestion")
{
    public override Question Read(Match match, int end) => new(this, match.Index, end, MessageValues.Clean(match.Groups["candidate"].Value));

    public override string Answer(Question question, Asked asked) =>
        asked.Context.Name is not { } name ? "I don't know your name yet. What should I call you?"
        : WordMatch.Contains(question.Wording, name) || WordMatch.Contains(name, question.Wording) ? $"Yes, your name is {name}."
        : $"No, your name is {name}.";
}
