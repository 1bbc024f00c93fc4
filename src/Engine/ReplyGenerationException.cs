namespace Orleans.Conversations.Engine;

/// <summary>No reply could be generated (a model that failed or timed out); the user message stays recorded.</summary>
public sealed class ReplyGenerationException(string message, Exception? innerException = null)
    : Exception(message, innerException);
