namespace Orleans.Conversations.Grains.Turns;

/// <summary>The buffers of a session's latest turns, the running one included, so that finished turns replay with their deltas.</summary>
internal sealed class TurnBuffers
{
    private const int Capacity = 16;
    private readonly Dictionary<string, TurnBuffer> _byMessageId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public TurnBuffer? Find(string messageId) => _byMessageId.GetValueOrDefault(messageId);

    public void Add(TurnBuffer turn)
    {
        if (_byMessageId.ContainsKey(turn.MessageId))
        {
            _byMessageId[turn.MessageId] = turn;
            return;
        }

        _byMessageId.Add(turn.MessageId, turn);
        _order.Enqueue(turn.MessageId);
        while (_order.Count > Capacity)
            _byMessageId.Remove(_order.Dequeue());
    }
}
