namespace Orleans.Conversations.Grains;

/// <summary>Names the grains of this assembly depend on.</summary>
public static class ConversationGrainConstants
{
    /// <summary>The log-consistency provider (the PostgreSQL event store) that journaled grains use.</summary>
    public const string EventStoreName = "EventStore";
}
