using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>How a <see cref="ConversationTurn"/> (a plain record of the engine) crosses the wire.</summary>
[GenerateSerializer, Immutable]
public struct ConversationTurnSurrogate
{
    /// <summary>See <see cref="ConversationTurn.Role"/>.</summary>
    [Id(0)] public string Role;

    /// <summary>See <see cref="ConversationTurn.Text"/>.</summary>
    [Id(1)] public string Text;

    /// <summary>See <see cref="ConversationTurn.At"/>.</summary>
    [Id(2)] public DateTimeOffset At;
}
