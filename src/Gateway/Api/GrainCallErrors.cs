using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Gateway.Hosting;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Runtime;

namespace Orleans.Conversations.Gateway.Api;

/// <summary>Maps what a grain call can throw to the contract's statuses; a fault never becomes a 500.</summary>
internal static class GrainCallErrors
{
    /// <summary>Runs a grain call and maps its known failures to problems.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> TryCallAsync<T>(HttpContext context, Func<Task<T>> call)
    {
        try
        {
            return (await call(), null);
        }
        catch (MessageRejectedException rejected)
        {
            return (default, rejected.Reason == RejectionReason.TooLong
                ? ApiProblems.TooLarge(rejected.Message, rejected.Field)
                : ApiProblems.BadRequest(rejected.Message, rejected.Field));
        }
        catch (ReplyUnavailableException failed)
        {
            return (default, failed.TimedOut
                ? ApiProblems.Unavailable(context, failed.Message, RetryAfter(context))
                : ApiProblems.BadGateway(failed.Message));
        }
        catch (Exception exception) when (IsUnavailability(exception))
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Orleans.Conversations.Gateway")
                .LogWarning("Cluster call failed for {Path}: {Error}", context.Request.Path, exception.Message);
            return (default, ApiProblems.Unavailable(context,
                $"The conversation service is unavailable right now ({exception.GetType().Name}). Nothing half-done was stored; retry with the same messageId.",
                RetryAfter(context)));
        }
    }

    private static bool IsUnavailability(Exception exception) => exception is
        SessionUnavailableException or
        SiloUnavailableException or
        OrleansMessageRejectionException or
        GatewayTooBusyException or
        TimeoutException or
        OrleansException;

    private static int RetryAfter(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<HttpGatewayOptions>>().Value.RetryAfterSeconds;
}
