using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Orleans.Conversations.HttpApi.Api;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Runtime;

namespace Orleans.Conversations.HttpApi.Hosting;

/// <summary>
/// Answers what requests and grain calls throw with the contract's problems, in one place: client mistakes with 4xx,
/// a failed reply with 502, an unreachable cluster or event store with 503 and <c>Retry-After</c>. Anything else stays
/// a logged 500.
/// </summary>
internal sealed class ApiExceptionHandler(
    IOptions<HttpGatewayOptions> options, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (ToProblem(context, exception) is not { } problem)
            return false;

        if (TurnMessageIds.Of(context) is { } messageId)
            problem.Extensions["messageId"] = messageId;
        context.Response.StatusCode = problem.Status!.Value;
        await ProblemResponses.WriteAsync(context, problem, exception);
        return true;
    }

    private ProblemDetails? ToProblem(HttpContext context, Exception exception)
    {
        switch (exception)
        {
            case ApiProblemException client:
                return Problem(client.Status, client.Title, client.Message, client.Field);
            case SessionNotFoundException notFound:
                return Problem(StatusCodes.Status404NotFound, "Not found", notFound.Message, "id");
            case MessageRejectedException rejected when rejected.Reason == RejectionReason.TooLong:
                return Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", rejected.Message, rejected.Field);
            case MessageRejectedException rejected:
                return Problem(StatusCodes.Status400BadRequest, "Invalid request", rejected.Message, rejected.Field);
            case ReplyUnavailableException { Cancelled: true } cancelled:
                return Problem(StatusCodes.Status409Conflict, "Turn cancelled", cancelled.Message, null);
            case ReplyUnavailableException { TimedOut: false } failed:
                return Problem(StatusCodes.Status502BadGateway, "Reply failed", failed.Message, null);
            case ReplyUnavailableException failed:
                return Unavailable(context, failed.Message);
            case SessionUnavailableException or SiloUnavailableException or OrleansMessageRejectionException
                or GatewayTooBusyException or TimeoutException or OrleansException:
                logger.LogWarning("Cluster call failed for {Method} {Path}: {Error}", context.Request.Method, context.Request.Path, exception.Message);
                return Unavailable(context, TurnMessageIds.Of(context) is { } turn
                    ? $"The conversation service could not finish in time ({exception.GetType().Name}). The turn is stored whole or not at all and may still complete: retry with messageId '{turn}' to get its reply, never a second turn."
                    : $"The conversation service is unavailable right now ({exception.GetType().Name}); retry later.");
            case DbException:
                logger.LogWarning("The database failed for {Method} {Path}: {Error}", context.Request.Method, context.Request.Path, exception.Message);
                return Unavailable(context, "The database that holds API keys is unreachable right now; retry later.");
            default:
                return null;
        }
    }

    private ProblemDetails Unavailable(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail, null);
    }

    private static ProblemDetails Problem(int status, string title, string detail, string? field)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null)
            problem.Extensions["field"] = field;
        return problem;
    }
}
