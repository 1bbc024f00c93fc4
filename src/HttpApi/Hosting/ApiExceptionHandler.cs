using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Conversations.HttpApi.Api;

namespace Orleans.Conversations.HttpApi.Hosting;

/// <summary>
/// Answers what requests and grain calls throw with the contract's problems (<see cref="FailureProblems"/>): client
/// mistakes with 4xx, a failed reply with 502, an unreachable cluster or database with 503 and <c>Retry-After</c>.
/// Anything else stays a logged 500.
/// </summary>
internal sealed class ApiExceptionHandler(
    IOptions<HttpGatewayOptions> options, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var messageId = TurnMessageIds.Of(context);
        if (FailureProblems.Of(exception, messageId) is not { } failure)
            return false;

        if (failure.RetryLater)
        {
            if (exception is not Grains.Interfaces.ReplyUnavailableException)
                logger.LogWarning("{Method} {Path} cannot be served now: {Error}", context.Request.Method, context.Request.Path, exception.Message);
            context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.StatusCode = failure.Status;
        await ProblemResponses.WriteAsync(context, failure.ToProblemDetails(messageId), exception);
        return true;
    }
}
