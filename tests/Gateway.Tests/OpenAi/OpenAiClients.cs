using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace Orleans.Conversations.Gateway.Tests.OpenAi;

/// <summary>The official OpenAI SDK's clients, pointed at a gateway's <c>/v1</c>, without retries.</summary>
internal static class OpenAiClients
{
    public static ChatClient Chat(Uri gateway, string apiKey, SessionHeaderPolicy? headers = null) =>
        new("gpt-4o-mini", new ApiKeyCredential(apiKey), Options(gateway, headers));

    public static OpenAIModelClient Models(Uri gateway, string apiKey) => new(new ApiKeyCredential(apiKey), Options(gateway, null));

    /// <summary>The last assistant turn the session stored.</summary>
    public static async Task<string> StoredReplyAsync(HttpClient http, string sessionId)
    {
        var session = JsonNode.Parse(await http.GetStringAsync($"/api/sessions/{sessionId}"))!;
        return session["recentTurns"]!.AsArray().Last(t => t!["role"]!.GetValue<string>() == "assistant")!["text"]!.GetValue<string>();
    }

    private static OpenAIClientOptions Options(Uri gateway, SessionHeaderPolicy? headers)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(gateway, "v1"), RetryPolicy = new ClientRetryPolicy(0) };
        if (headers is not null)
            options.AddPolicy(headers, PipelinePosition.PerCall);
        return options;
    }
}
