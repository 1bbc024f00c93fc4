using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.SessionList;

namespace Orleans.Conversations.Silo.Retention;

/// <summary>
/// Deletes sessions idle for longer than <see cref="RetentionOptions.DeleteIdleAfter"/>, through their grains, as their
/// owners would. Every silo runs one; a lock in PostgreSQL lets one pass run at a time in the whole cluster.
/// </summary>
internal sealed class IdleSessionRetention(
    IOptions<RetentionOptions> options, NpgsqlDataSource dataSource, SessionListStore sessions, IGrainFactory grains,
    TimeProvider clock, ILogger<IdleSessionRetention> logger) : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.DeleteIdleAfter is not { } idle)
            return;
        logger.LogInformation("Retention: sessions idle for more than {Idle} are deleted", idle);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.CheckInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                await DeleteIdleAsync(idle, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Retention pass failed, next one in {Interval}: {Error}", options.Value.CheckInterval, exception.Message);
            }
        }
    }

    private async Task DeleteIdleAsync(TimeSpan idle, CancellationToken cancellationToken)
    {
        // A transaction that writes nothing holds the lock without holding back the event feed.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtextextended('session_list.retention', 0))", connection, transaction))
        {
            if (await locking.ExecuteScalarAsync(cancellationToken) is not true)
                return;
        }

        var deleted = 0;
        IReadOnlyList<SessionListEntry> idleSessions;
        do
        {
            idleSessions = await sessions.IdleSinceAsync(clock.GetUtcNow() - idle, BatchSize, cancellationToken);
            foreach (var session in idleSessions)
            {
                try
                {
                    await grains.GetGrain<IConversationGrain>(session.SessionId).Delete(new Caller(session.Tenant, session.Owner, IsAdmin: false));
                }
                catch (SessionNotFoundException)
                {
                    await sessions.RemoveAsync(session.SessionId, cancellationToken);
                }

                deleted++;
            }
        }
        while (idleSessions.Count == BatchSize && !cancellationToken.IsCancellationRequested);

        await transaction.CommitAsync(cancellationToken);
        if (deleted > 0)
            logger.LogInformation("Retention deleted {Count} sessions idle for more than {Idle}", deleted, idle);
    }
}
