using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Conversations.EventStore;

namespace Orleans.Conversations.SessionList;

/// <summary>
/// Keeps <c>session_list.sessions</c> up to date from the event feed: every silo runs one, and each batch takes the
/// projection lock, reads the position, applies the events after it and moves the position in one transaction, so
/// every event is applied exactly once whichever silo applies it.
/// </summary>
public sealed class SessionListProjector(
    NpgsqlDataSource dataSource, IEventFeed feed, SessionListRules rules, TimeProvider clock, ILogger<SessionListProjector> logger)
    : BackgroundService
{
    private const int BatchSize = 2000;

    /// <summary>Applies what the feed holds beyond the projection's position, one batch; the number of events applied.</summary>
    public Task<int> ProjectBatchAsync(CancellationToken cancellationToken = default) =>
        SessionListStore.Projection.ApplyBatchAsync(dataSource, feed, BatchSize, events => ToCommands(events, rules), cancellationToken);

    /// <summary>
    /// How far the list trails the event store: the age of the oldest committed event it has not applied (zero when
    /// it has applied them all). It grows while a transaction held open anywhere on the server keeps the feed back.
    /// </summary>
    public Task<TimeSpan> LagAsync(CancellationToken cancellationToken = default) =>
        SessionListStore.Projection.LagAsync(dataSource, feed, clock, cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        FeedPolling.RunAsync(ProjectBatchAsync, BatchSize, "The session list", clock, logger, stoppingToken);

    private static IEnumerable<NpgsqlBatchCommand> ToCommands(IReadOnlyList<FeedEvent> events, SessionListRules rules)
    {
        var sessions = new Dictionary<Guid, SessionChanges>();
        var erased = new List<Guid>();
        foreach (var @event in events)
        {
            if (!SessionStreams.TryGetSessionId(@event.StreamId, out var sessionId))
                continue;
            if (@event.IsErasure)
            {
                erased.Add(sessionId);
                continue;
            }

            if (!sessions.TryGetValue(sessionId, out var changes))
                sessions.Add(sessionId, changes = new SessionChanges(sessionId, rules));
            changes.Apply(@event);
        }

        var started = sessions.Values.Where(s => s.Started is not null).ToList();
        if (started.Count > 0)
        {
            yield return new NpgsqlBatchCommand(
                """
                INSERT INTO session_list.sessions
                    (session_id, tenant, owner, title, default_title, started_at, last_activity_at, message_count, version, forked_from_session, forked_from_version)
                SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::int[], $9::int[],
                                     $10::uuid[], $11::int[])
                ON CONFLICT (session_id) DO NOTHING
                """)
            {
                Parameters =
                {
                    Array(started, s => s.SessionId),
                    Array(started, s => s.Started!.Value.Tenant),
                    Array(started, s => s.Started!.Value.Owner),
                    Array(started, s => s.Title),
                    Array(started, s => s.DefaultTitle),
                    Array(started, s => s.Started!.Value.At),
                    Array(started, s => s.LastActivityAt),
                    Array(started, s => s.Messages),
                    Array(started, s => s.Version),
                    Array(started, s => s.ForkedFrom?.SessionId),
                    Array(started, s => s.ForkedFrom?.Version),
                },
            };
        }

        var continued = sessions.Values.Where(s => s.Started is null).ToList();
        if (continued.Count > 0)
        {
            yield return new NpgsqlBatchCommand(
                """
                UPDATE session_list.sessions s
                SET message_count = s.message_count + u.messages, default_title = coalesce(s.default_title, u.default_title),
                    title = coalesce(u.title, s.title), last_activity_at = greatest(s.last_activity_at, u.at), version = greatest(s.version, u.version)
                FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[], $6::int[]) AS u(id, messages, default_title, title, at, version)
                WHERE s.session_id = u.id
                """)
            {
                Parameters =
                {
                    Array(continued, s => s.SessionId),
                    Array(continued, s => s.Messages),
                    Array(continued, s => s.DefaultTitle),
                    Array(continued, s => s.Title),
                    Array(continued, s => s.LastActivityAt),
                    Array(continued, s => s.Version),
                },
            };
        }

        // A session erased in this batch may have had a row since an earlier one, whatever its eraser managed to remove.
        if (erased.Count > 0)
            yield return new NpgsqlBatchCommand("DELETE FROM session_list.sessions WHERE session_id = ANY($1)") { Parameters = { new NpgsqlParameter { Value = erased.ToArray() } } };
    }

    private static NpgsqlParameter Array<T>(List<SessionChanges> sessions, Func<SessionChanges, T> value) =>
        new() { Value = sessions.Select(value).ToArray() };
}
