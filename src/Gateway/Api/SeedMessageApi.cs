using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Gateway.Hosting;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Gateway.Api;

/// <summary>The seed's <c>POST /message</c> route, kept for its clients: snake_case fields, a new session when none is named.</summary>
public static class SeedMessageApi
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapSeedMessageApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/message", SendMessage).WithTags("Seed").WithName("SeedMessage")
            .WithSummary("Send a message (the seed's route); starts a session when session_id is missing")
            .Accepts<SeedMessageRequest>("application/json");
        return routes;
    }

    private static async Task<Results<Ok<SeedMessageResponse>, ProblemHttpResult>> SendMessage(
        HttpContext context, IClusterClient cluster, IOptions<HttpGatewayOptions> options)
    {
        var (body, problem) = await JsonBody.ReadAsync(context.Request, required: true);
        if (problem is not null)
            return problem;
        var (sessionText, idProblem) = body!.GetString("session_id");
        if (idProblem is not null)
            return idProblem;

        var sessionId = Guid.NewGuid();
        if (sessionText is not null && !SessionIds.TryParse(sessionText, out sessionId, out _))
            return ApiProblems.BadRequest($"Field 'session_id' must be a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301, not '{sessionText}'.", "session_id");

        var (message, invalid) = MessageInput.Read(body, options.Value, "text", messageIdField: null);
        if (invalid is not null)
            return invalid;

        var (reply, error) = await GrainCallErrors.TryCallAsync(context, () => cluster.GetGrain<IConversationGrain>(sessionId).SendMessage(message!));
        return error ?? (Results<Ok<SeedMessageResponse>, ProblemHttpResult>)TypedResults.Ok(new SeedMessageResponse(reply!.Reply, sessionId));
    }
}
