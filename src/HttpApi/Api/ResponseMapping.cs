using System.Text.Json.Nodes;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>Turns the grains' records into the HTTP contract's shapes.</summary>
internal static class ResponseMapping
{
    public static SessionResponse ToResponse(this SessionView view) => new(
        view.SessionId,
        view.Version,
        view.UserId,
        view.StartedAt.UtcDateTime,
        view.LastActivityAt.UtcDateTime,
        view.MessageCount,
        view.Context.ToJson(),
        [.. view.RecentTurns.Select(t => new TurnResponse(t.Role, t.Text, t.At.UtcDateTime))],
        view.Title,
        view.Memory ? "on" : "off",
        view.ForkedFrom.ToResponse());

    public static ForkOriginResponse? ToResponse(this ForkOrigin? origin) =>
        origin is null ? null : new ForkOriginResponse(origin.SessionId, origin.Version);

    public static EventsResponse ToResponse(this EventPage page) => new(
        page.SessionId,
        [.. page.Events.Select(e => new EventResponse(e.Version, e.Type, e.At.UtcDateTime, JsonNode.Parse(e.Data)))],
        page.Next);
}
