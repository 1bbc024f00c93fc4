using Npgsql;

namespace Orleans.Conversations.Tests;

/// <summary>A session's stream as the events table holds it: its versions, and the message ids of its messages and of its replies, in order.</summary>
public sealed record StoredStream(List<int> Versions, List<string> Messages, List<string> Replies)
{
    public static async Task<StoredStream> ReadAsync(NpgsqlConnection connection, Guid sessionId)
    {
        var stream = new StoredStream([], [], []);
        await using var command = new NpgsqlCommand(
            """
            SELECT version, event_type, coalesce(data->>'messageId', data->>'inReplyTo', '')
            FROM eventstore.events WHERE stream_id = $1 ORDER BY version
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = TestDatabase.StreamOf(sessionId) });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stream.Versions.Add(reader.GetInt32(0));
            if (reader.GetString(1) == "UserMessageReceived") stream.Messages.Add(reader.GetString(2));
            if (reader.GetString(1) == "AssistantReplied") stream.Replies.Add(reader.GetString(2));
        }

        return stream;
    }
}
