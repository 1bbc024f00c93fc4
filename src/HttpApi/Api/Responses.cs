using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>Answer to <c>POST /api/sessions</c>.</summary>
public sealed record SessionCreatedResponse(Guid SessionId, int Version);

/// <summary>Answer to <c>POST /api/sessions/{id}/messages</c>.</summary>
public sealed record MessageResponse(Guid SessionId, string MessageId, string Reply, int Version);

/// <summary>A session's state: <c>GET /api/sessions/{id}</c> and <c>GET /api/sessions/{id}/state</c>.</summary>
public sealed record SessionResponse(
    Guid SessionId,
    int Version,
    string? UserId,
    DateTime StartedAt,
    DateTime LastActivityAt,
    int MessageCount,
    JsonObject Context,
    IReadOnlyList<TurnResponse> RecentTurns,
    string? Title,
    string Memory,
    ForkOriginResponse? ForkedFrom);

/// <summary>One turn of <see cref="SessionResponse.RecentTurns"/>.</summary>
public sealed record TurnResponse(string Role, string Text, DateTime At);

/// <summary>Answer to <c>GET /api/sessions/{id}/events</c>.</summary>
public sealed record EventsResponse(Guid SessionId, IReadOnlyList<EventResponse> Events, int? Next);

/// <summary>One stored event.</summary>
public sealed record EventResponse(int Version, string Type, DateTime At, JsonNode? Data);

/// <summary>The seed route's answer: <c>POST /message</c>.</summary>
public sealed record SeedMessageResponse(
    [property: JsonPropertyName("response")] string Response,
    [property: JsonPropertyName("session_id")] Guid SessionId,
    [property: JsonPropertyName("message_id")] string MessageId);

/// <summary>Answer to <c>POST /api/admin/keys</c>: the only time the key is shown.</summary>
public sealed record KeyCreatedResponse(string Id, string Key, string UserId, string Tenant, bool Admin, DateTime CreatedAt);

/// <summary>Answer to <c>GET /api/admin/keys</c>.</summary>
public sealed record KeyListResponse(IReadOnlyList<KeyResponse> Keys);

/// <summary>An API key as listed: never its secret.</summary>
public sealed record KeyResponse(string Id, string UserId, string Tenant, bool Admin, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt);

/// <summary>Answer to <c>GET /api/sessions</c>: the caller's sessions, newest activity first.</summary>
public sealed record SessionListResponse(IReadOnlyList<SessionSummaryResponse> Sessions, string? Next);

/// <summary>One session of <see cref="SessionListResponse"/>.</summary>
public sealed record SessionSummaryResponse(
    Guid SessionId, string? Title, DateTime StartedAt, DateTime LastActivityAt, int MessageCount, int Version, ForkOriginResponse? ForkedFrom);

/// <summary>Answer to <c>PATCH /api/sessions/{id}</c>.</summary>
public sealed record SessionRenamedResponse(Guid SessionId, string Title, int Version);

/// <summary>Answer to <c>DELETE /api/users/{userId}</c>.</summary>
public sealed record UserErasedResponse(int DeletedSessions);

/// <summary>Answer to <c>GET /api/events</c>: committed events of the tenant's sessions in commit order.</summary>
public sealed record FeedResponse(IReadOnlyList<FeedEventResponse> Events, string Next);

/// <summary>One event of the feed; <see cref="Position"/> is the cursor right after it.</summary>
public sealed record FeedEventResponse(string Position, Guid SessionId, int Version, string Type, DateTime At, JsonNode? Data);

/// <summary>Where a fork came from: <c>forkedFrom</c> of a session, a list row and a fork's answers.</summary>
public sealed record ForkOriginResponse(Guid SessionId, int Version);

/// <summary>Answer to <c>POST /api/sessions/{id}/fork</c>.</summary>
public sealed record ForkCreatedResponse(Guid SessionId, int Version, ForkOriginResponse ForkedFrom);

/// <summary>Answer to an edit or a regeneration: the turn, answered in the fork it made.</summary>
public sealed record ForkTurnResponse(Guid SessionId, string MessageId, string Reply, int Version, ForkOriginResponse ForkedFrom);

/// <summary>Answer to <c>GET /api/sessions/{id}/forks</c>.</summary>
public sealed record ForkListResponse(IReadOnlyList<ForkSummaryResponse> Forks);

/// <summary>One fork of <see cref="ForkListResponse"/>.</summary>
public sealed record ForkSummaryResponse(Guid SessionId, int ForkedAtVersion, string? Title, DateTime LastActivityAt);
