namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"what was my first message", "what did I say first": quotes it.</summary>
internal sealed class FirstMessageQuestion() : QuestionIntent("firstMessageQuestion")
{
    public override string Answer(Question question, Asked asked) =>
        asked.Request.FirstUserMessage is not { } first ? $"This is your first message: {Phrasing.Quote(asked.Reading.Text.Trim())}."
        : string.IsNullOrWhiteSpace(first) ? "Your first message was empty."
        : $"Your first message was {Phrasing.Quote(first.Trim())}.";
}
