namespace Orleans.Conversations.Tests;

/// <summary>A database of a test's own; disposing drops it.</summary>
public sealed class ScratchDatabase(string connectionString, Func<Task> drop) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync() => await drop();
}
