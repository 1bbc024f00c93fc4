using Orleans.Concurrency;

namespace Orleans.Conversations.Grains.Interfaces.Memory;

/// <summary>
/// The memory of one user (a tenant and a user id), keyed by <see cref="UserMemoryKey"/>: what the user told any of
/// their sessions, and what they added or corrected by hand. Every change is an event in the memory's own stream.
/// Private to its user: a call whose <see cref="Caller"/> is another user, an admin of the tenant included, is answered
/// as if the memory held nothing and changes nothing.
/// </summary>
public interface IUserMemoryGrain : IGrainWithStringKey
{
    /// <summary>Whether the memory is switched on, and its items, newest first.</summary>
    Task<MemoryView> Read(Caller caller);

    /// <summary>
    /// Adds an item by hand (no source); under a single-valued key it replaces the value the key had. The oldest item
    /// goes when the memory is full.
    /// </summary>
    /// <exception cref="MessageRejectedException">The key is not one a session remembers, or the value is empty, too long or not valid text.</exception>
    Task<MemoryItem> Add(Caller caller, MemoryEntry entry);

    /// <summary>Corrects the value of an item; null when the caller's memory has no such item.</summary>
    /// <exception cref="MessageRejectedException">The value is empty, too long or not valid text.</exception>
    Task<MemoryItem?> Correct(Caller caller, string itemId, string value);

    /// <summary>Forgets one item; false when the caller's memory has no such item.</summary>
    Task<bool> Forget(Caller caller, string itemId);

    /// <summary>Forgets every item of the caller's memory (and of no one else's).</summary>
    Task ForgetAll(Caller caller);

    /// <summary>Forgets the items learned in <paramref name="sessionId"/>; the number forgotten.</summary>
    Task<int> ForgetSession(Caller caller, Guid sessionId);

    /// <summary>Switches the memory on or off: while off, no session reads or writes it; its items stay listed.</summary>
    Task<bool> SetEnabled(Caller caller, bool enabled);

    /// <summary>
    /// What a session of the caller starts from: the memory as a context, and the version of
    /// <paramref name="sessionId"/> up to which the memory has applied what that session learned (the session adds what
    /// it learned after it). Null while the memory is switched off.
    /// </summary>
    [ReadOnly]
    Task<RememberedContext?> ForSession(Caller caller, Guid sessionId);

    /// <summary>
    /// Applies what a session of this user learned, in commit order. Idempotent: a learning at or below a version of
    /// its session already applied changes nothing, so the feed may deliver it again. Ignored while switched off.
    /// </summary>
    Task Learn(Caller owner, IReadOnlyList<SessionLearning> learnings);

    /// <summary>Erases the memory's stream for good, as part of erasing its user; the outcome as for a session.</summary>
    Task<DeletionOutcome> Erase(Caller caller, SessionDeletion deletion);
}
