namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>One message of a conversation, as kept in the session's recent-turn window.</summary>
/// <param name="Role"><see cref="TurnRoles.User"/> or <see cref="TurnRoles.Assistant"/>.</param>
/// <param name="Text">What was said.</param>
/// <param name="At">When it was recorded (UTC).</param>
[GenerateSerializer, Immutable]
public sealed record ConversationTurn(
    [property: Id(0)] string Role,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset At);
