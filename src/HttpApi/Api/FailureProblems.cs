using System.Data.Common;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Runtime;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// The one mapping of failures to the contract's problems, for every way an answer travels: the exception handler
/// (JSON), a turn's <c>turn.failed</c> event (SSE and WebSocket) and the OpenAI routes. Grain contracts speak of
/// failures (not found, rejected, a reply that failed, timed out or was cancelled, a service that is unavailable);
/// only here do they become HTTP statuses.
/// </summary>
internal static class FailureProblems
{
    /// <summary>
    /// The problem for what a request or a grain call threw, or null for an exception that is no failure the contract
    /// describes (answered as a logged <c>500</c>). <paramref name="messageId"/> is the turn's, when the call was one.
    /// </summary>
    public static FailureProblem? Of(Exception exception, string? messageId = null) => exception switch
    {
        ApiProblemException client => new(client.Status, client.Title, client.Message, client.Field),
        SessionNotFoundException notFound => new(StatusCodes.Status404NotFound, "Not found", notFound.Message, "id"),
        MessageRejectedException rejected => Rejected(rejected),
        ReplyUnavailableException failed => Of(failed.Failure, failed.Message),
        SessionUnavailableException or SiloUnavailableException or OrleansMessageRejectionException
            or GatewayTooBusyException or TimeoutException or OrleansException => Unavailable(messageId is not null
            ? $"The conversation service could not finish in time ({exception.GetType().Name}). The turn is stored whole or not at all and may still complete: retry with messageId '{messageId}' to get its reply, never a second turn."
            : $"The conversation service is unavailable right now ({exception.GetType().Name}); retry later."),
        DbException => Unavailable("The database is unreachable right now; retry later."),
        _ => null,
    };

    /// <summary>The problem for a turn that ended without a reply.</summary>
    public static FailureProblem Of(ReplyFailure failure, string detail) => failure switch
    {
        ReplyFailure.Cancelled => new(StatusCodes.Status409Conflict, "Turn cancelled", detail),
        ReplyFailure.TimedOut => Unavailable(detail),
        _ => new(StatusCodes.Status502BadGateway, "Reply failed", detail),
    };

    /// <summary>The problem a turn's <see cref="TurnEventKind.Failed"/> event describes.</summary>
    public static FailureProblem Of(TurnEvent failed) =>
        Of(failed.Failure ?? ReplyFailure.Failed, failed.Error ?? "The reply failed.");

    /// <summary>The problem for a message the rules refuse: <c>413</c> when too long, else <c>400</c>.</summary>
    public static FailureProblem Rejected(MessageRejectedException rejected) => rejected.Reason == RejectionReason.TooLong
        ? new(StatusCodes.Status413PayloadTooLarge, "Request too large", rejected.Message, rejected.Field)
        : new(StatusCodes.Status400BadRequest, "Invalid request", rejected.Message, rejected.Field);

    /// <summary>A WebSocket frame that is no valid message; the socket stays open.</summary>
    public static FailureProblem InvalidFrame(string detail) => new(StatusCodes.Status400BadRequest, "Invalid frame", detail);

    /// <summary>A caller over its rate limit.</summary>
    public static FailureProblem TooManyRequests(string detail) => new(StatusCodes.Status429TooManyRequests, "Too many requests", detail);

    private static FailureProblem Unavailable(string detail) =>
        new(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail, RetryLater: true);
}
