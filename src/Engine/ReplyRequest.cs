
namespace Orleans.Conversations.Engine;

/// <summary>Everything an <see cref="IReplyGenerator"/> may use to answer one user message.</summary>
/// <param name="Text">The user's message.</param>
/// <param name="Context">The remembered context, with this message's <paramref name="Changes"/> already applied.</param>
/// <param name="Changes">What this message taught (may be empty).</param>
/// <param name="RecentTurns">The recent turns before this message, oldest first.</param>
/// <param name="PreviousUserMessageCount">How many user messages the session had before this one.</param>
/// <param name="FirstUserMessage">The text of the session's first user message, or null if this is the first.</param>
public sealed record ReplyRequest(
    string Text,
    SessionContext Context,
    IReadOnlyList<ContextChange> Changes,
    IReadOnlyList<ConversationTurn> RecentTurns,
    int PreviousUserMessageCount,
    string? FirstUserMessage);
