namespace Orleans.Conversations.Search;

/// <summary>The event streams of conversation sessions, named <c>conversation/{sessionId:N}</c> after their grains; the index holds only these.</summary>
internal static class IndexedStreams
{
    public const string Prefix = "conversation/";

    /// <summary>The session whose events <paramref name="streamId"/> holds, if it is a session's stream.</summary>
    public static bool TryGetSessionId(string streamId, out Guid sessionId)
    {
        sessionId = default;
        return streamId.StartsWith(Prefix, StringComparison.Ordinal) && Guid.TryParseExact(streamId.AsSpan(Prefix.Length), "N", out sessionId);
    }
}
