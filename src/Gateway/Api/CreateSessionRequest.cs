namespace Orleans.Conversations.Gateway.Api;

/// <summary>The optional body of <c>POST /api/sessions</c>.</summary>
public sealed record CreateSessionRequest(string? UserId);
