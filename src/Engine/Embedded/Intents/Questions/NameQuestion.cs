using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"what is my name", "who am I" (the variant "who", answered "You're Ada").</summary>
internal sealed class NameQuestion() : QuestionIntent("nameQuestion")
{
    public override Question Read(Match match, int end) => new(this, match.Index, end, Variant: match.Groups["who"].Success ? "who" : "");

    public override string Answer(Question question, Asked asked) =>
        asked.Context.Name is { } name
            ? question.Variant == "who" ? $"You're {name}." : $"Your name is {name}."
            : "I don't know your name yet. What should I call you?";
}
