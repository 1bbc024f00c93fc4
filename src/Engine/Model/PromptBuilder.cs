using System.Text;
using Microsoft.Extensions.AI;
using Orleans.Conversations.Engine;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Engine.Model;

/// <summary>
/// Builds the chat prompt: a system message with what the session remembers, then as many recent turns as fit the
/// token budget (newest kept), then the user's message.
/// </summary>
public static class PromptBuilder
{
    /// <summary>A rough token count: about four characters a token, as for English text with common tokenizers.</summary>
    public static int EstimateTokens(string text) => (text.Length + 3) / 4 + 4;

    /// <summary>The messages to send for <paramref name="request"/>.</summary>
    public static List<ChatMessage> Build(ReplyRequest request, int tokenBudget)
    {
        var system = new ChatMessage(ChatRole.System, DescribeSession(request));
        var user = new ChatMessage(ChatRole.User, request.Text);
        var remaining = tokenBudget - EstimateTokens(system.Text) - EstimateTokens(user.Text);

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

    private static string DescribeSession(ReplyRequest request)
    {
        var text = new StringBuilder(
            "You are a helpful, friendly assistant in a conversation that remembers the user across messages. " +
            "Answer briefly and use what you know about the user when it helps.");
        var context = request.Context;
        if (context.IsEmpty)
        {
            text.Append("\nNothing is known about the user yet.");
            return text.ToString();
        }

        text.Append("\nWhat you know about the user:");
        if (context.Name is not null) text.Append("\n- name: ").Append(context.Name);
        if (context.Location is not null) text.Append("\n- lives in / is from: ").Append(context.Location);
        if (!context.Likes.IsEmpty) text.Append("\n- likes: ").AppendJoin(", ", context.Likes);
        foreach (var (topic, value) in context.Favorites) text.Append("\n- favorite ").Append(topic).Append(": ").Append(value);
        foreach (var fact in context.Facts) text.Append("\n- asked you to remember: ").Append(fact);
        return text.ToString();
    }
}
