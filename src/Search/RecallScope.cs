namespace Orleans.Conversations.Search;

/// <summary>Where a recall may look: the asking session, and the owner's other sessions that may be recalled from.</summary>
/// <param name="Tenant">The owner's tenant.</param>
/// <param name="Owner">The owner's user id.</param>
/// <param name="SessionId">The asking session: its own messages are always in scope, a temporary session's included.</param>
/// <param name="OtherSessions">
/// Whether the owner's other sessions are in scope (memory on for the asking session); their temporary sessions never are.
/// </param>
public sealed record RecallScope(string Tenant, string Owner, Guid SessionId, bool OtherSessions);
