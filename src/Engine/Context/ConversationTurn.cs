namespace Orleans.Conversations.Engine;

/// <summary>One message of a conversation, as kept in the session's recent-turn window.</summary>
/// <param name="Role"><see cref="TurnRoles.User"/> or <see cref="TurnRoles.Assistant"/>.</param>
/// <param name="Text">What was said.</param>
/// <param name="At">When it was recorded (UTC).</param>
public sealed record ConversationTurn(string Role, string Text, DateTimeOffset At);
