namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>A request to delete a session for good.</summary>
/// <param name="ErasureId">
/// Names the deletion, so that a retry of the same call (after a silo was lost, say) is told it was its own.
/// </param>
/// <param name="IdleBefore">
/// When set, the session is deleted only if nothing happened in it since this moment, as its own state tells;
/// otherwise it is left as it is (<see cref="DeletionOutcome.InUse"/>).
/// </param>
[GenerateSerializer, Immutable]
public sealed record SessionDeletion([property: Id(0)] Guid ErasureId, [property: Id(1)] DateTimeOffset? IdleBefore = null)
{
    /// <summary>A deletion with an id of its own and no condition.</summary>
    public static SessionDeletion Unconditional() => new(Guid.NewGuid());
}
