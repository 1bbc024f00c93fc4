using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orleans.Conversations.Gateway.Api;

/// <summary>Parses session ids: UUIDs, in any case.</summary>
internal static class SessionIds
{
    public static bool TryParse(string? text, out Guid sessionId, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        if (text is not null && Guid.TryParseExact(text.Trim(), "D", out sessionId))
        {
            problem = null;
            return true;
        }

        sessionId = default;
        problem = ApiProblems.BadRequest($"Session id '{text}' is not a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.", "id");
        return false;
    }
}
