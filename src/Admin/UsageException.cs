namespace Orleans.Conversations.Admin;

/// <summary>A mistake in the command line: reported on stderr with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
