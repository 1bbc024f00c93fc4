namespace Orleans.Conversations.SessionList;

/// <summary>
/// The rules of the conversation contract the list must apply as the grains do, passed in by the host that registers
/// the projection, so that this library needs no reference to the contracts above it.
/// </summary>
public sealed class SessionListRules
{
    /// <summary>The title a session shows until it is renamed, from the text of its first user message.</summary>
    public required Func<string?, string?> DefaultTitle { get; init; }

    /// <summary>The tenant of a session stored before sessions had owners.</summary>
    public required string LegacyTenant { get; init; }

    /// <summary>The owner of a session stored before sessions had owners.</summary>
    public required string LegacyOwner { get; init; }
}
