namespace Orleans.Conversations.HttpApi.Api;

/// <summary>Parses session ids: UUIDs, in any case.</summary>
internal static class SessionIds
{
    public static bool TryParse(string? text, out Guid sessionId) => Guid.TryParseExact(text?.Trim(), "D", out sessionId);

    /// <summary>The id in the route.</summary>
    /// <exception cref="ApiProblemException">It is not a UUID.</exception>
    public static Guid Parse(string? text) => TryParse(text, out var sessionId)
        ? sessionId
        : throw ApiProblemException.BadRequest($"Session id '{text}' is not a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.", "id");
}
