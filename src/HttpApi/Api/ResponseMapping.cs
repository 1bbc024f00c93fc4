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
        view.Title);

    public static EventsResponse ToResponse(this EventPage page) => new(
        page.SessionId,
        [.. page.Events.Select(e => new EventResponse(e.Version, e.Type, e.At.UtcDateTime, JsonNode.Parse(e.Data)))],
        page.Next);

    /// <summary>The context under its <see cref="ContextKeys"/>: <c>name</c>, <c>location</c>, <c>likes</c>, <c>favorite.T</c>, <c>facts</c>.</summary>
    public static JsonObject ToJson(this SessionContext context)
    {
        var json = new JsonObject();
        if (context.Name is not null) json[ContextKeys.Name] = context.Name;
        if (context.Location is not null) json[ContextKeys.Location] = context.Location;
        if (!context.Likes.IsEmpty) json[ContextKeys.Likes] = new JsonArray([.. context.Likes.Select(l => JsonValue.Create(l))]);
        foreach (var (topic, value) in context.Favorites) json[ContextKeys.FavoritePrefix + topic] = value;
        if (!context.Facts.IsEmpty) json[ContextKeys.Facts] = new JsonArray([.. context.Facts.Select(f => JsonValue.Create(f))]);
        return json;
    }
}
