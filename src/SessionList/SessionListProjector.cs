using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.SessionList;

/// <summary>
/// Keeps <c>session_list.sessions</c> up to date from the event feed: every silo runs one, and each batch takes the
/// projection lock, reads the position, applies the events after it and moves the position in one transaction, so
/// every event is applied exactly once whichever silo applies it.
/// </summary>
public sealed class SessionListProjector(NpgsqlDataSource dataSource, IEventFeed feed, TimeProvider clock, ILogger<SessionListProjector> logger)
    : BackgroundService
{
    private const string StreamPrefix = "conversation/";
    private const int BatchSize = 500;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>Applies what the feed holds beyond the projection's position, one batch; the number of events applied.</summary>
    public async Task<int> ProjectBatchAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand(SessionListStore.ProjectionLock, connection, transaction))
            await locking.ExecuteNonQueryAsync(cancellationToken);
        var position = await ReadPositionAsync(connection, transaction, cancellationToken);

        var page = await feed.ReadAsync(position, BatchSize, cancellationToken: cancellationToken);
        if (page.Events.Count == 0)
            return 0;

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var @event in page.Events)
        {
            if (ToCommand(@event) is { } command)
                batch.BatchCommands.Add(command);
        }

        var move = new NpgsqlBatchCommand(
            "INSERT INTO session_list.projection (name, cursor) VALUES ('sessions', $1) ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor");
        move.Parameters.Add(new NpgsqlParameter<string> { TypedValue = page.Next.ToToken() });
        batch.BatchCommands.Add(move);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return page.Events.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retryDelay = PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ProjectBatchAsync(stoppingToken) < BatchSize)
                    await Task.Delay(PollInterval, clock, stoppingToken);
                retryDelay = PollInterval;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("The session list cannot be updated ({Error}); trying again in {Delay}", exception.Message, retryDelay);
                await Task.Delay(retryDelay, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                retryDelay = retryDelay * 2 < MaxRetryDelay ? retryDelay * 2 : MaxRetryDelay;
            }
        }
    }

    private static async Task<FeedCursor> ReadPositionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT cursor FROM session_list.projection WHERE name = 'sessions'", connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken) is string token && FeedCursor.TryParse(token, out var cursor)
            ? cursor
            : FeedCursor.Start;
    }

    private static NpgsqlBatchCommand? ToCommand(FeedEvent @event)
    {
        if (!@event.StreamId.StartsWith(StreamPrefix, StringComparison.Ordinal)
            || !Guid.TryParseExact(@event.StreamId.AsSpan(StreamPrefix.Length), "N", out var sessionId))
            return null;

        using var data = JsonDocument.Parse(@event.Data);
        var root = data.RootElement;
        var command = @event.EventType switch
        {
            "SessionStarted" => new NpgsqlBatchCommand(
                """
                INSERT INTO session_list.sessions (session_id, tenant, owner, started_at, last_activity_at, version)
                VALUES ($1, $3, $4, $2, $2, $5) ON CONFLICT (session_id) DO NOTHING
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = Text(root, "tenant") ?? Caller.DefaultTenant },
                    new NpgsqlParameter<string> { TypedValue = Text(root, "owner") ?? Caller.LocalUser },
                },
            },
            "UserMessageReceived" => new NpgsqlBatchCommand(
                """
                UPDATE session_list.sessions
                SET message_count = message_count + 1, default_title = coalesce(default_title, $3),
                    last_activity_at = greatest(last_activity_at, $2), version = greatest(version, $4)
                WHERE session_id = $1
                """)
            {
                Parameters = { new NpgsqlParameter { Value = (object?)SessionTitles.FromFirstMessage(Text(root, "text")) ?? DBNull.Value } },
            },
            "SessionRenamed" => new NpgsqlBatchCommand(
                "UPDATE session_list.sessions SET title = $3, last_activity_at = greatest(last_activity_at, $2), version = greatest(version, $4) WHERE session_id = $1")
            {
                Parameters = { new NpgsqlParameter<string> { TypedValue = Text(root, "title") ?? "" } },
            },
            _ => new NpgsqlBatchCommand(
                "UPDATE session_list.sessions SET last_activity_at = greatest(last_activity_at, $2), version = greatest(version, $3) WHERE session_id = $1"),
        };

        command.Parameters.Insert(0, new NpgsqlParameter<Guid> { TypedValue = sessionId });
        command.Parameters.Insert(1, new NpgsqlParameter<DateTimeOffset> { TypedValue = @event.RecordedAt });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = @event.Version });
        return command;
    }

    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
