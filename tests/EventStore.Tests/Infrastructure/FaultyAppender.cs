using Orleans.Conversations.EventStore.Storage;

namespace Orleans.Conversations.EventStore.Tests.Infrastructure;

/// <summary>Fails appends the given number of times, either before they reach the database or after they commit.</summary>
internal sealed class FaultyAppender(IEventStreamAppender inner, int failures, bool afterCommit) : IEventStreamAppender
{
    private int _remaining = failures;

    public int Attempts { get; private set; }

    public async Task<bool> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        Attempts++;
        if (!afterCommit && _remaining-- > 0)
            throw new IOException("connection lost before the append reached the server (simulated)");

        var appended = await inner.AppendAsync(request, cancellationToken);
        if (afterCommit && _remaining-- > 0)
            throw new IOException("connection lost after COMMIT (simulated)");
        return appended;
    }
}
