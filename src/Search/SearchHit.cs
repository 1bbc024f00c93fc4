namespace Orleans.Conversations.Search;

/// <summary>One message that matched a search.</summary>
/// <param name="SessionId">The session it was said in.</param>
/// <param name="Title">The session's title now (null while the session list has not caught up with it).</param>
/// <param name="Version">The message's own event version in its session.</param>
/// <param name="Role"><see cref="SearchRoles.User"/> or <see cref="SearchRoles.Assistant"/>.</param>
/// <param name="Text">The whole message.</param>
/// <param name="Snippet">The part of it around the matched words, HTML-escaped, each match within <c>&lt;mark&gt;</c>…<c>&lt;/mark&gt;</c>.</param>
/// <param name="At">When it was said.</param>
/// <param name="Cursor">Where the hit is in the ranking: a page that starts after it continues with the next hit.</param>
public sealed record SearchHit(Guid SessionId, string? Title, int Version, string Role, string Text, string Snippet, DateTimeOffset At, SearchCursor Cursor);
