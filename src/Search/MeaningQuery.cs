namespace Orleans.Conversations.Search;

/// <summary>What a recall looks for by meaning: the text, the role it keeps to (any when null), and the asking session's window.</summary>
internal sealed record MeaningQuery(string Text, string? Role, DateTimeOffset? SameSessionBefore);
