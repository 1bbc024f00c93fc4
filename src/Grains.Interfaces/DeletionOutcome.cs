namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>What <see cref="IConversationGrain.Delete"/> did.</summary>
public enum DeletionOutcome
{
    /// <summary>This deletion erased the session (now, or in an earlier attempt of the same call).</summary>
    Deleted,

    /// <summary>An earlier deletion had erased it and left its list row behind, which is removed now.</summary>
    AlreadyDeleted,

    /// <summary>The session was active after the deletion's idle limit; nothing was deleted.</summary>
    InUse,
}
