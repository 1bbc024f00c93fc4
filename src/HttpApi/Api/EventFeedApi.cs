using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.HttpApi.Security;
using Orleans.Conversations.SessionList;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// <c>GET /api/events</c>: the committed events of every session of the admin's tenant, in commit order, a page at a
/// time or followed live as server-sent events. Paging with <c>next</c> sees every event exactly once. A live follow
/// checks its credential again on each poll and ends once it is revoked or expired; a caller holds at most
/// <see cref="ConnectionLimitOptions.MaxFeedFollowersPerCaller"/> of them.
/// </summary>
public static class EventFeedApi
{
    /// <summary>The key under which the gateway registers its <see cref="IEventFeed"/>.</summary>
    public const string FeedName = "conversations";

    /// <summary>The type of the marker that stands for a session's erasure: its events are gone from the feed, and a follower drops its copy.</summary>
    public const string SessionErasedType = "SessionErased";

    private const int MaxPageSize = 1000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapEventFeedApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/events", ReadFeed).WithTags("Events").WithName("EventFeed")
            .WithSummary("Events of the tenant's sessions in commit order (admins); Accept: text/event-stream follows live")
            .RequireAuthorization(AccessPolicies.Admin).RequireRateLimiting(CallerRateLimiting.Policy);
        return routes;
    }

    private static async Task<Results<Ok<FeedResponse>, EmptyHttpResult>> ReadFeed(
        HttpContext context, ClaimsPrincipal user, [FromKeyedServices(FeedName)] IEventFeed feed, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CallerConnections connections, CredentialRecheck recheck, string? after = null, string? limit = null)
    {
        var tenant = user.ToCaller().Tenant;
        var pageSize = QueryNumbers.Parse(limit, "limit", 100, 1, MaxPageSize);
        // A reconnecting EventSource repeats its first URL, after= included, and says in Last-Event-ID how far it got.
        var lastEventId = context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        var cursor = lastEventId is null ? ParseCursor(after, "after") : ParseCursor(lastEventId, "Last-Event-ID");
        if (!context.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true))
        {
            var page = await feed.ReadAsync(cursor, pageSize, tenant, context.RequestAborted);
            return TypedResults.Ok(new FeedResponse([.. page.Events.Select(ToResponse).OfType<FeedEventResponse>()], page.Next.ToToken()));
        }

        using var slot = connections.TryFollowFeed(context)
            ?? throw ApiProblemException.TooManyConnections("This caller already follows the feed as often as it may (Connections:MaxFeedFollowersPerCaller).");
        await FollowAsync(context, feed, recheck, tenant, cursor, pageSize, json.Value.SerializerOptions);
        return TypedResults.Empty;
    }

    private static async Task FollowAsync(
        HttpContext context, IEventFeed feed, CredentialRecheck recheck, string tenant, FeedCursor cursor, int pageSize, JsonSerializerOptions json)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.Body.FlushAsync(context.RequestAborted);
        try
        {
            while (!context.RequestAborted.IsCancellationRequested && await recheck.StillHoldsAsync(context, context.RequestAborted))
            {
                var page = await feed.ReadAsync(cursor, pageSize, tenant, context.RequestAborted);
                foreach (var @event in page.Events)
                {
                    if (ToResponse(@event) is { } shown)
                        await response.WriteAsync($"id: {shown.Position}\nevent: {shown.Type}\ndata: {JsonSerializer.Serialize(shown, json)}\n\n", context.RequestAborted);
                }

                cursor = page.Next;
                await response.Body.FlushAsync(context.RequestAborted);
                if (page.Events.Count < pageSize)
                    await Task.Delay(PollInterval, context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private static FeedCursor ParseCursor(string? token, string field)
    {
        if (string.IsNullOrEmpty(token))
            return FeedCursor.Start;
        return FeedCursor.TryParse(token, out var cursor)
            ? cursor
            : throw ApiProblemException.BadRequest($"'{field}' is not a cursor this service issued; use the 'next' of a page or an event's 'position'.", field);
    }

    private static FeedEventResponse? ToResponse(FeedEvent @event)
    {
        if (!SessionStreams.TryGetSessionId(@event.StreamId, out var sessionId))
            return null;
        if (@event.IsErasure)
        {
            return new FeedEventResponse(@event.Cursor.ToToken(), sessionId, 0, SessionErasedType, @event.RecordedAt.UtcDateTime,
                new JsonObject { ["tenant"] = @event.TenantId, ["sessionId"] = sessionId });
        }

        return new FeedEventResponse(@event.Cursor.ToToken(), sessionId, @event.Version, @event.EventType, @event.RecordedAt.UtcDateTime, JsonNode.Parse(@event.Data));
    }
}
