namespace Orleans.Conversations.Grains.Turns;

/// <summary>
/// The buffers of a session's latest turns, the running one included, so that recent turns replay with their deltas
/// (older ones are told from the log). Nothing is allocated until a session's first turn.
/// </summary>
internal sealed class TurnBuffers
{
    private const int Capacity = 4;
    private Dictionary<string, TurnBuffer>? _byMessageId;
    private Queue<string>? _order;

    public TurnBuffer? Find(string messageId) => _byMessageId?.GetValueOrDefault(messageId);

    public void Add(TurnBuffer turn)
    {
        _byMessageId ??= new Dictionary<string, TurnBuffer>(StringComparer.Ordinal);
        _order ??= new Queue<string>();
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
