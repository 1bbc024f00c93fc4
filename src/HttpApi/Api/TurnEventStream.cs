using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// A turn's events in the contract's shape: <c>turn.started</c>, <c>message.delta</c>, then <c>turn.completed</c> or
/// <c>turn.failed</c>, each numbered by its sequence in the turn (the SSE <c>id</c>, for <c>Last-Event-ID</c>).
/// </summary>
internal static class TurnEventStream
{
    public const string Started = "turn.started";
    public const string Delta = "message.delta";
    public const string Completed = "turn.completed";
    public const string Failed = "turn.failed";

    /// <summary>Whether the client asked for server-sent events.</summary>
    public static bool IsWanted(HttpRequest request) =>
        request.Headers.Accept.Any(accept => accept?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The name and body of one event.</summary>
    public static (string Type, object Data) Describe(TurnEvent @event, Guid sessionId, string messageId) => @event.Kind switch
    {
        TurnEventKind.Started => (Started, new { sessionId, messageId }),
        TurnEventKind.Delta => (Delta, new { text = @event.Text }),
        TurnEventKind.Completed => (Completed, new { sessionId, messageId, reply = @event.Reply!.Reply, version = @event.Reply.Version }),
        _ => (Failed, FailureProblems.Of(@event).ToProblemDetails(messageId)),
    };

    /// <summary>The events as server-sent events.</summary>
    public static async IAsyncEnumerable<SseItem<object>> ToSse(
        IAsyncEnumerable<TurnEvent> events, Guid sessionId, string messageId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var @event in events.WithCancellation(cancellationToken))
        {
            var (type, data) = Describe(@event, sessionId, messageId);
            yield return new SseItem<object>(data, type) { EventId = @event.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }
    }

    /// <summary>Events already read, then the ones that follow.</summary>
    public static async IAsyncEnumerable<TurnEvent> Concat(TurnEvent[] first, IAsyncEnumerable<TurnEvent> rest)
    {
        foreach (var @event in first)
            yield return @event;
        if (first.Length > 0 && first[^1].IsLast)
            yield break;
        await foreach (var @event in rest)
            yield return @event;
    }
}
