using Orleans.Conversations.Engine.Embedded;

namespace Orleans.Conversations.Engine;

/// <summary>
/// What one user message says, read once by the <see cref="IMessageUnderstanding"/> and carried to the reply (in
/// <see cref="ReplyRequest"/>) and to the model's prompt: the message, the context changes it asks for, and the
/// embedded engine's reading of it (its statements, questions, greeting ...), so that nothing reads it twice.
/// </summary>
/// <param name="Message">The user's message, as sent.</param>
/// <param name="Changes">What the message taught or asked to forget, in order (may be empty).</param>
public sealed record Interpretation(string Message, IReadOnlyList<ContextChange> Changes)
{
    /// <summary>The embedded engine's reading of <see cref="Message"/>, or null when another understanding made this one.</summary>
    internal MessageAnalysis? Reading { get; init; }

    /// <summary>
    /// What the message asks to recall ("tea" in "what did I say about tea?"), or null when it asks no recall question:
    /// the cue to look older messages up for <see cref="ReplyRequest.Recalled"/>.
    /// </summary>
    public string? RecallTopic => Reading?.Questions.FirstOrDefault(question => question.Intent is RecallQuestion)?.Wording;

    /// <summary>The same reading with no changes: for a message whose changes the context already holds.</summary>
    public Interpretation WithoutChanges() => this with { Changes = [] };
}
