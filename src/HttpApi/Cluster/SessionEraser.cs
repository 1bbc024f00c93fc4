using Orleans.Conversations.EventStore;
using Orleans.Conversations.HttpApi.Api;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.SessionList;

namespace Orleans.Conversations.HttpApi.Cluster;

/// <summary>
/// Erases every session of a user: those the event store knows the user owns (a session started a moment ago
/// included, whatever the session list has seen yet) and those the list knows of, each through its grain, while no
/// new session of the user can start; then whatever rows of the user the list still holds.
/// </summary>
internal sealed class UserErasure(
    [FromKeyedServices(EventFeedApi.FeedName)] IEventStreamEraser eraser,
    SessionListStore list,
    SessionCalls sessions,
    ILogger<UserErasure> logger)
{
    private const int ConcurrentDeletions = 8;

    /// <summary>Erases the sessions of <paramref name="userId"/> of <paramref name="tenant"/>; how many this call erased.</summary>
    public async Task<int> EraseAsync(string tenant, string userId, CancellationToken cancellationToken)
    {
        var owner = new Caller(tenant, userId, IsAdmin: false);
        var deletion = SessionDeletion.Unconditional();
        var deleted = 0;
        await using (await eraser.HoldOwnerAsync(tenant, userId, cancellationToken))
        {
            var ids = new HashSet<Guid>(await list.ListIdsAsync(tenant, userId, cancellationToken));
            foreach (var stream in await eraser.FindStreamsOfOwnerAsync(tenant, userId, cancellationToken))
            {
                if (SessionStreams.TryGetSessionId(stream, out var id))
                    ids.Add(id);
            }

            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentDeletions, CancellationToken = cancellationToken },
                async (id, _) =>
                {
                    try
                    {
                        if (await sessions.CallAsync(id, grain => grain.Delete(owner, deletion)) == DeletionOutcome.Deleted)
                            Interlocked.Increment(ref deleted);
                    }
                    catch (SessionNotFoundException)
                    {
                        // Never started, or erased earlier with a tombstone that names no owner.
                    }
                });
        }

        var leftovers = await list.RemoveOwnerAsync(tenant, userId, cancellationToken);
        logger.LogInformation("User {Tenant}/{User} erased: {Deleted} sessions deleted, {Leftovers} list rows of earlier deletions removed",
            tenant, userId, deleted, leftovers);
        return deleted;
    }
}
