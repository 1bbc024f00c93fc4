using Microsoft.Extensions.AI;
using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Engine.Model;

/// <summary>
/// Builds the chat prompt: a system message with what the session remembers and the recalled excerpts (older messages
/// most relevant to this one, with their dates, within half of the room left), then as many recent turns as fit the
/// token budget (newest kept), then the user's message. The system message fits the budget together with the user's
/// message: what is remembered is left out, oldest first, until it does (see <see cref="SystemPrompt"/>).
/// </summary>
public static class PromptBuilder
{
    /// <summary>A rough token count: about four characters a token, as for English text with common tokenizers.</summary>
    public static int EstimateTokens(string text) => (text.Length + 3) / 4 + 4;

    /// <summary>The messages to send for <paramref name="request"/>.</summary>
    public static List<ChatMessage> Build(ReplyRequest request, int tokenBudget)
    {
        var user = new ChatMessage(ChatRole.User, request.Text);
        var userTokens = EstimateTokens(request.Text);
        var described = SystemPrompt.Describe(request.Context, LongestWithin(tokenBudget - userTokens));
        // The recalled excerpts take at most half of what is left, so that the recent turns keep room.
        var recalled = RecalledSection.Describe(request.Recalled, LongestWithin((tokenBudget - userTokens - EstimateTokens(described)) / 2));
        var system = new ChatMessage(ChatRole.System, described + recalled);
        var remaining = tokenBudget - EstimateTokens(system.Text) - userTokens;

        var turns = new List<ChatMessage>();
        for (var i = request.RecentTurns.Count - 1; i >= 0; i--)
        {
            var turn = request.RecentTurns[i];
            var cost = EstimateTokens(turn.Text);
            if (cost > remaining)
                break;
            remaining -= cost;
            turns.Add(new ChatMessage(turn.Role == TurnRoles.User ? ChatRole.User : ChatRole.Assistant, turn.Text));
        }

        turns.Reverse();
        return [system, .. turns, user];
    }

    /// <summary>The longest text that <see cref="EstimateTokens"/> counts as at most <paramref name="tokens"/>.</summary>
    private static int LongestWithin(int tokens) => Math.Max(0, (tokens - 4) * 4);
}
