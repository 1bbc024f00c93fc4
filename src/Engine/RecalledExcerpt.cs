namespace Orleans.Conversations.Engine;

/// <summary>An older message brought back into a turn by recall: from this session beyond its recent turns, or from another session of the user.</summary>
/// <param name="Role"><see cref="TurnRoles.User"/> or <see cref="TurnRoles.Assistant"/>.</param>
/// <param name="Text">What was said.</param>
/// <param name="At">When (UTC).</param>
/// <param name="SessionId">The session it was said in.</param>
/// <param name="Title">That session's title, if known.</param>
/// <param name="SameSession">Whether it was said in the session that asks.</param>
public sealed record RecalledExcerpt(string Role, string Text, DateTimeOffset At, Guid SessionId, string? Title, bool SameSession);
