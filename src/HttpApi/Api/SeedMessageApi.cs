using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Conversations.HttpApi.Cluster;
using Orleans.Conversations.HttpApi.Security;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// The seed's <c>POST /message</c> route, kept for its clients: snake_case fields, a new session when none is named, an
/// optional <c>message_id</c> (or <c>Idempotency-Key</c> header) for safe retries.
/// </summary>
public static class SeedMessageApi
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapSeedMessageApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/message", SendMessage).WithTags("Seed").WithName("SeedMessage")
            .WithSummary("Send a message (the seed's route); starts a session when session_id is missing")
            .Accepts<SeedMessageRequest>("application/json").RequireRateLimiting(CallerRateLimiting.Policy);
        return routes;
    }

    private static async Task<Ok<SeedMessageResponse>> SendMessage(
        SeedMessageRequest request, HttpContext context, SessionCalls sessions, IOptions<MessageLimitOptions> limits)
    {
        var sessionId = request.SessionIdOrNew();
        var caller = context.User.ToCaller();
        var message = request.ToUserMessage(context, limits.Value);
        var reply = await sessions.CallAsync(sessionId, grain => grain.SendMessage(caller, message));
        return TypedResults.Ok(new SeedMessageResponse(reply.Reply, sessionId, reply.MessageId));
    }
}
