namespace Orleans.Conversations.Search;

/// <summary>Whose the events are that were stored before events carried their owner: the contract's rule, handed over by the silo.</summary>
/// <param name="Tenant">The tenant such events belong to.</param>
/// <param name="Owner">The user such events belong to.</param>
public sealed record LegacyOwner(string Tenant, string Owner);
