namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"what did I just say": quotes the user's last turn.</summary>
internal sealed class LastMessageQuestion() : QuestionIntent("lastMessageQuestion")
{
    public override string Answer(Question question, Asked asked) =>
        (asked.Request.RecentTurns ?? []).LastOrDefault(turn => turn.Role == TurnRoles.User) is { } last
            ? $"You just said {Phrasing.Quote(last.Text.Trim())}."
            : "This is your first message, so there's nothing before it.";
}
