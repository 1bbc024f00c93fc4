namespace Orleans.Conversations.Search;

/// <summary>An older message brought back into a turn.</summary>
/// <param name="SessionId">The session it was said in.</param>
/// <param name="Title">That session's title, if known.</param>
/// <param name="Role"><see cref="SearchRoles.User"/> or <see cref="SearchRoles.Assistant"/>.</param>
/// <param name="Text">What was said.</param>
/// <param name="At">When.</param>
/// <param name="SameSession">Whether it was said in the asking session.</param>
public sealed record RecalledMessage(Guid SessionId, string? Title, string Role, string Text, DateTimeOffset At, bool SameSession);
