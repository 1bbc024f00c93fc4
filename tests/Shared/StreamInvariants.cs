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
        var versions = new List<int>();
        var messages = new List<string>();
        var replies = new List<string>();
        await using (var connection = new NpgsqlConnection(await TestDatabase.GetConnectionStringAsync()))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                SELECT version, event_type, coalesce(data->>'messageId', data->>'inReplyTo', '')
                FROM eventstore.events WHERE stream_id = $1 ORDER BY version
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = TestDatabase.StreamOf(sessionId) });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                versions.Add(reader.GetInt32(0));
                if (reader.GetString(1) == "UserMessageReceived") messages.Add(reader.GetString(2));
                if (reader.GetString(1) == "AssistantReplied") replies.Add(reader.GetString(2));
            }
        }

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
        Assert.Equal(messages.Count, messages.Distinct().Count());
        Assert.Equal(replies.Count, replies.Distinct().Count());
        Assert.Equal(messages.Order(), replies.Order());
        Assert.Empty(acknowledgedMessageIds.Except(messages));
    }
}
