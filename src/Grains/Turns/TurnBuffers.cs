namespace Orleans.Conversations.Grains.Turns;

/// <summary>
/// The buffers of a session's latest turns, the running one included, so that recent turns replay with their deltas
/// (older ones are told from the log). A small ring, searched in full: nothing is allocated until a session's first
/// turn, and a session costs one array after it.
/// </summary>
internal sealed class TurnBuffers
{
    private const int Capacity = 4;
    private TurnBuffer?[]? _latest;
    private int _next;

    public TurnBuffer? Find(string messageId)
    {
        var index = IndexOf(messageId);
        return index < 0 ? null : _latest![index];
    }

    /// <summary>Adds a turn in place of the oldest, or of an earlier attempt at the same message.</summary>
    public void Add(TurnBuffer turn)
    {
        _latest ??= new TurnBuffer?[Capacity];
        var index = IndexOf(turn.MessageId);
        if (index < 0)
        {
            index = _next;
            _next = (_next + 1) % Capacity;
        }

        _latest[index] = turn;
    }

    private int IndexOf(string messageId)
    {
        if (_latest is null)
            return -1;
        for (var i = 0; i < Capacity; i++)
        {
            if (string.Equals(_latest[i]?.MessageId, messageId, StringComparison.Ordinal))
                return i;
        }

        return -1;
    }
}
