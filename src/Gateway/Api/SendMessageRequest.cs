namespace Orleans.Conversations.Gateway.Api;

/// <summary>The body of <c>POST /api/sessions/{id}/messages</c>.</summary>
/// <param name="Text">What the user says (required, up to the configured limit).</param>
/// <param name="MessageId">The client's id for the message (1–128 characters); a retry with the same id is answered once.</param>
public sealed record SendMessageRequest(string Text, string? MessageId);
