namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"how are you".</summary>
internal sealed class HowAreYouQuestion() : QuestionIntent("howAreYouQuestion")
{
    public override string Answer(Question question, Asked asked) =>
        $"I'm doing well, thanks for asking{Phrasing.Address(asked.Context.Name)}! How are you?";
}
