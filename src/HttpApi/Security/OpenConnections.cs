using System.Collections.Concurrent;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>Counts the long-lived connections each caller holds open, of one kind, against a cap.</summary>
internal sealed class OpenConnections
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Counts one more connection of <paramref name="caller"/>, or answers null if it already holds <paramref name="max"/>.</summary>
    public IDisposable? TryOpen(string caller, int max)
    {
        while (true)
        {
            var count = _open.GetValueOrDefault(caller);
            if (count >= max)
                return null;
            if (count == 0 ? _open.TryAdd(caller, 1) : _open.TryUpdate(caller, count + 1, count))
                return new Slot(this, caller);
        }
    }

    private void Close(string caller)
    {
        while (true)
        {
            var count = _open.GetValueOrDefault(caller);
            if (count == 0)
                return;
            if (count == 1 ? _open.TryRemove(KeyValuePair.Create(caller, count)) : _open.TryUpdate(caller, count - 1, count))
                return;
        }
    }

    private sealed class Slot(OpenConnections owner, string caller) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
                owner.Close(caller);
        }
    }
}
