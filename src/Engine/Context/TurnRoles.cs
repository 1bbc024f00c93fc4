namespace Orleans.Conversations.Engine;

/// <summary>The roles a <see cref="ConversationTurn"/> can have.</summary>
public static class TurnRoles
{
    /// <summary>A message the user sent.</summary>
    public const string User = "user";

    /// <summary>A reply the service gave.</summary>
    public const string Assistant = "assistant";
}
