using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"what do you remember", "what do you know about me": everything remembered, slot by slot.</summary>
internal sealed class MemoryQuestion() : QuestionIntent(QuestionKind.Memory, nameof(MessagePatterns.MemoryQuestion))
{
    public override bool Holds(Match match, string text) => MessagePatterns.MemoryQuestionHolds(match, text);

    public override string Answer(Question question, Asked asked) => SaidBack.Everything(asked.Context, asked.Request);
}
