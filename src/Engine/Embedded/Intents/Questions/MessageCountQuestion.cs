using System.Globalization;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"how many messages have I sent": the number before this one, in digits.</summary>
internal sealed class MessageCountQuestion() : QuestionIntent("messageCountQuestion")
{
    public override string Answer(Question question, Asked asked)
    {
        var count = Math.Max(0, asked.Request.PreviousUserMessageCount);
        return count switch
        {
            0 => "You've sent 0 messages before this one: this is your first.",
            1 => "You've sent 1 message before this one.",
            _ => $"You've sent {count.ToString(CultureInfo.InvariantCulture)} messages before this one.",
        };
    }
}
