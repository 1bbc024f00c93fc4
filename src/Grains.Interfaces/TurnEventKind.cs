namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>What a <see cref="TurnEvent"/> says about a turn.</summary>
public enum TurnEventKind
{
    /// <summary>The turn began: the message is stored or about to be.</summary>
    Started,

    /// <summary>A piece of the reply as it is generated; the pieces concatenate to the reply.</summary>
    Delta,

    /// <summary>The reply is stored; the turn's last event.</summary>
    Completed,

    /// <summary>The turn ended without a reply (failed or cancelled); the turn's last event.</summary>
    Failed,
}
