namespace Orleans.Conversations.HttpApi.Api;

/// <summary>Answer to <c>GET /api/search</c>: the caller's matching messages, best match first, and the cursor of the next page.</summary>
public sealed record SearchResponse(IReadOnlyList<SearchHitResponse> Hits, string? Next);

/// <summary>One hit of <see cref="SearchResponse"/>: the message, its session's title, its version, and a snippet with the matches marked.</summary>
public sealed record SearchHitResponse(Guid SessionId, string? Title, int Version, string Role, string Text, string Snippet, DateTime At);
