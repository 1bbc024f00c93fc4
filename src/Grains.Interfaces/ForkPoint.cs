namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>Where a fork named by a user message is made.</summary>
public enum ForkPoint
{
    /// <summary>Just before the <c>UserMessageReceived</c>: an edit of the message.</summary>
    BeforeMessage,

    /// <summary>Just before the turn's <c>AssistantReplied</c>, its context events included: a regenerated reply.</summary>
    BeforeReply,
}
