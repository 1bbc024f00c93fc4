namespace Orleans.Conversations.Engine;

/// <summary>Everything an <see cref="IReplyGenerator"/> may use to answer one user message.</summary>
/// <param name="Interpretation">The message and what the understanding made of it, the changes among the rest.</param>
/// <param name="Context">The remembered context, with the interpretation's changes already applied.</param>
/// <param name="RecentTurns">The recent turns before this message, oldest first.</param>
/// <param name="PreviousUserMessageCount">How many user messages the session had before this one.</param>
/// <param name="FirstUserMessage">The text of the session's first user message, or null if this is the first.</param>
public sealed record ReplyRequest(
    Interpretation Interpretation,
    SessionContext Context,
    IReadOnlyList<ConversationTurn> RecentTurns,
    int PreviousUserMessageCount,
    string? FirstUserMessage)
{
    /// <summary>
    /// Older messages recalled for this message, most relevant first: for the embedded engine those that answer a recall
    /// question ("what did I say about X?"), for a model the turns most relevant to the message. Empty when nothing was
    /// recalled or recall was not asked for.
    /// </summary>
    public IReadOnlyList<RecalledExcerpt> Recalled { get; init; } = [];

    /// <summary>The user's message.</summary>
    public string Text => Interpretation.Message;

    /// <summary>What this message taught (may be empty).</summary>
    public IReadOnlyList<ContextChange> Changes => Interpretation.Changes;
}
