using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>Converts a <see cref="ConversationTurn"/> to and from its <see cref="ConversationTurnSurrogate"/>.</summary>
[RegisterConverter]
public sealed class ConversationTurnSurrogateConverter : IConverter<ConversationTurn, ConversationTurnSurrogate>
{
    /// <inheritdoc />
    public ConversationTurn ConvertFromSurrogate(in ConversationTurnSurrogate surrogate) =>
        new(surrogate.Role, surrogate.Text, surrogate.At);

    /// <inheritdoc />
    public ConversationTurnSurrogate ConvertToSurrogate(in ConversationTurn value) =>
        new() { Role = value.Role, Text = value.Text, At = value.At };
}
