namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"what's my job", "what do I do for a living".</summary>
internal sealed class JobQuestion() : QuestionIntent("jobQuestion")
{
    public override string Answer(Question question, Asked asked) =>
        asked.Context.Value(ContextKeys.Job) is { } job
            ? $"You work as {Phrasing.Job(job)}."
            : "I don't know what you do for a living yet. What's your job?";
}
