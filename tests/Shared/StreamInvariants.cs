using Npgsql;

namespace Orleans.Conversations.Tests;

/// <summary>Checks a session's stream in the events table: the promises a fault must never break.</summary>
public static class StreamInvariants
{
    /// <summary>
    /// Versions run 1..N without a gap; every message id was stored once, with exactly one reply; every acknowledged
    /// message id is among them.
    /// </summary>
    public static async Task AssertAsync(Guid sessionId, IReadOnlyCollection<string> acknowledgedMessageIds)
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.GetConnectionStringAsync());
        await connection.OpenAsync();
        var (versions, messages, replies) = await StoredStream.ReadAsync(connection, sessionId);

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
        Assert.Equal(messages.Count, messages.Distinct().Count());
        Assert.Equal(replies.Count, replies.Distinct().Count());
        Assert.Equal(messages.Order(), replies.Order());
        Assert.Empty(acknowledgedMessageIds.Except(messages));
    }
}
