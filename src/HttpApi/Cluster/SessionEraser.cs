using Orleans.Conversations.EventStore;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Interfaces.Memory;
using Orleans.Conversations.HttpApi.Api;
using Orleans.Conversations.SessionList;

namespace Orleans.Conversations.HttpApi.Cluster;

/// <summary>
/// The one eraser of sessions, for <c>DELETE /api/users/{id}</c> and for retention: each session is deleted through its
/// grain, as its owner, with the erasure id of the whole erasure (so a retried call counts once), and a call the
/// cluster or the store could not finish is sent again after a growing delay (100 ms, doubling up to 2 s, 5 attempts
/// in all) before the failure reaches the caller. The grain erases the stream; the session list's row goes as a
/// reaction to that erasure. Erasing a user also erases the user's memory through its grain.
/// </summary>
public sealed class SessionEraser(
    IGrainFactory grains,
    SessionListStore list,
    [FromKeyedServices(EventFeedApi.FeedName)] IEventStreamEraser streams,
    TimeProvider clock,
    ILogger<SessionEraser> logger)
{
    private const int ConcurrentDeletions = 8;
    private const int MaxAttempts = 5;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Deletes one session of <paramref name="owner"/> as <paramref name="deletion"/> says. A session that does not exist
    /// (never started, or erased before) is <see cref="DeletionOutcome.AlreadyDeleted"/>, and any list row it left goes.
    /// </summary>
    /// <exception cref="Exception">The cluster or the store failed on every attempt.</exception>
    public async Task<DeletionOutcome> DeleteAsync(Guid sessionId, Caller owner, SessionDeletion deletion, CancellationToken cancellationToken)
    {
        try
        {
            return await RetryAsync(() => grains.GetGrain<IConversationGrain>(sessionId).Delete(owner, deletion), $"session {sessionId}", cancellationToken);
        }
        catch (SessionNotFoundException)
        {
            await list.RemoveAsync(sessionId, cancellationToken);
            return DeletionOutcome.AlreadyDeleted;
        }
    }

    /// <summary>
    /// Erases every session of <paramref name="userId"/> of <paramref name="tenant"/>: those the event store knows the
    /// user owns (a session started a moment ago included, whatever the list has seen yet) and those the list knows of,
    /// while no new session of the user can start; then whatever rows of the user the list still holds. How many
    /// sessions this call deleted.
    /// </summary>
    public async Task<int> EraseUserAsync(string tenant, string userId, CancellationToken cancellationToken)
    {
        var owner = new Caller(tenant, userId, IsAdmin: false);
        var deletion = SessionDeletion.Unconditional();
        var deleted = 0;
        await using (await streams.HoldOwnerAsync(tenant, userId, cancellationToken))
        {
            var ids = new HashSet<Guid>(await list.ListIdsAsync(tenant, userId, cancellationToken));
            foreach (var stream in await streams.FindStreamsOfOwnerAsync(tenant, userId, cancellationToken))
            {
                if (SessionStreams.TryGetSessionId(stream, out var id))
                    ids.Add(id);
            }

            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentDeletions, CancellationToken = cancellationToken },
                async (id, token) =>
                {
                    if (await DeleteAsync(id, owner, deletion, token) == DeletionOutcome.Deleted)
                        Interlocked.Increment(ref deleted);
                });

            // The memory goes last, whether or not its stream exists yet: what the memory projection may still deliver of
            // the sessions erased above finds it erased, and its user, should they come back, a new and empty one.
            await RetryAsync(() => grains.GetGrain<IUserMemoryGrain>(UserMemoryKey.Of(owner)).Erase(owner, deletion), $"the memory of {tenant}/{userId}", cancellationToken);
        }

        var leftovers = await list.RemoveOwnerAsync(tenant, userId, cancellationToken);
        logger.LogInformation("User {Tenant}/{User} erased: {Deleted} sessions deleted, {Leftovers} list rows of earlier deletions removed",
            tenant, userId, deleted, leftovers);
        return deleted;
    }

    /// <summary>Runs <paramref name="erase"/>, again after a growing delay while the cluster or the store could not finish it.</summary>
    private async Task<T> RetryAsync<T>(Func<Task<T>> erase, string what, CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await erase();
            }
            catch (Exception exception) when (IsTransient(exception) && attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation("Erasing {What} failed (attempt {Attempt}), trying again in {Delay}: {Error}", what, attempt, delay, exception.Message);
            }

            await Task.Delay(delay, clock, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private static bool IsTransient(Exception exception) =>
        exception is SessionUnavailableException or TimeoutException or OrleansException;
}
