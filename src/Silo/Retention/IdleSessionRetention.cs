using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.HttpApi.Cluster;
using Orleans.Conversations.SessionList;

namespace Orleans.Conversations.Silo.Retention;

/// <summary>
/// Deletes sessions idle for longer than <see cref="RetentionOptions.DeleteIdleAfter"/>, through their grains, as their
/// owners would, with the service's one eraser (<see cref="SessionEraser"/>, which retries what fails for a moment). The session list proposes candidates; each session decides from its own state whether it is idle, so
/// one in use is never deleted, however far the list trails. A pass is skipped while the list trails by more than
/// <see cref="RetentionOptions.MaxProjectionLag"/>; a session that cannot be deleted is logged and passed over. Every
/// silo runs one; a lock in PostgreSQL lets one pass run at a time in the whole cluster.
/// </summary>
internal sealed class IdleSessionRetention(
    IOptions<RetentionOptions> options, NpgsqlDataSource dataSource, SessionListStore sessions, SessionListProjector projection,
    SessionEraser eraser, TimeProvider clock, ILogger<IdleSessionRetention> logger) : BackgroundService
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

        var lag = await projection.LagAsync(cancellationToken);
        if (lag > options.Value.MaxProjectionLag)
        {
            logger.LogWarning("Retention pass skipped: the session list trails the event store by {Lag} (a long transaction may hold it back)", lag);
            return;
        }

        var idleBefore = clock.GetUtcNow() - idle;
        var deletion = new SessionDeletion(Guid.NewGuid(), idleBefore);
        var (deleted, inUse, failed) = (0, 0, 0);
        SessionListCursor? after = null;
        IReadOnlyList<SessionListEntry> candidates;
        do
        {
            candidates = await sessions.IdleSinceAsync(idleBefore, BatchSize, after, cancellationToken);
            foreach (var session in candidates)
            {
                switch (await TryDeleteAsync(session, deletion, cancellationToken))
                {
                    case DeletionOutcome.Deleted or DeletionOutcome.AlreadyDeleted:
                        deleted++;
                        break;
                    case DeletionOutcome.InUse:
                        inUse++;
                        break;
                    default:
                        failed++;
                        break;
                }
            }

            after = candidates.Count > 0 ? new SessionListCursor(candidates[^1].LastActivityAt, candidates[^1].SessionId) : after;
        }
        while (candidates.Count == BatchSize && !cancellationToken.IsCancellationRequested);

        await transaction.CommitAsync(cancellationToken);
        if (deleted + inUse + failed > 0)
        {
            logger.LogInformation("Retention deleted {Count} sessions idle for more than {Idle}; {InUse} were in use after all, {Failed} could not be deleted",
                deleted, idle, inUse, failed);
        }
    }

    /// <summary>Deletes one session if it is idle by its own account; null, logged, when it cannot be done now.</summary>
    private async Task<DeletionOutcome?> TryDeleteAsync(SessionListEntry session, SessionDeletion deletion, CancellationToken cancellationToken)
    {
        try
        {
            return await eraser.DeleteAsync(session.SessionId, new Caller(session.Tenant, session.Owner, IsAdmin: false), deletion, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Retention could not delete session {SessionId}, passing over it: {Error}", session.SessionId, exception.Message);
            return null;
        }
    }
}
