using Npgsql;

namespace Orleans.Conversations.MultiHost.Tests;

/// <summary>What the events table holds for a load's sessions, against what their clients were told.</summary>
public sealed record HistoryAudit(
    int Acknowledged, int Stored, int Lost, int Doubled, int StreamsWithGaps, int RepliesAmiss, IReadOnlyList<string> Anomalies)
{
    /// <summary>
    /// Reads every stream of <paramref name="load"/>: versions must run 1..N, each message id be stored once with one
    /// reply, and every acknowledged message be there.
    /// </summary>
    public static async Task<HistoryAudit> ReadAsync(NpgsqlConnection connection, ConversationLoad load)
    {
        int acknowledged = 0, stored = 0, lost = 0, doubled = 0, gaps = 0, repliesAmiss = 0;
        var anomalies = new List<string>();
        foreach (var session in load.Sessions)
        {
            var (versions, messages, replies) = await StoredStream.ReadAsync(connection, session);

            var told = load.Acknowledged.TryGetValue(session, out var ids) ? ids.ToHashSet() : [];
            acknowledged += told.Count;
            stored += messages.Distinct().Count();
            lost += told.Except(messages).Count();
            doubled += messages.Count - messages.Distinct().Count();
            if (!versions.SequenceEqual(Enumerable.Range(1, versions.Count)))
                gaps++;
            if (!messages.Distinct().Order().SequenceEqual(replies.Order()))
                repliesAmiss++;
            foreach (var twice in messages.GroupBy(m => m).Where(g => g.Count() > 1).Select(g => g.Key))
                anomalies.Add(await DescribeAsync(connection, load, session, twice));
        }

        return new HistoryAudit(acknowledged, stored, lost, doubled, gaps, repliesAmiss, anomalies);
    }

    /// <summary>The rows of a message stored more than once and what its client saw, to tell how it happened.</summary>
    private static async Task<string> DescribeAsync(NpgsqlConnection connection, ConversationLoad load, Guid session, string messageId)
    {
        var lines = new List<string> { $"message {messageId} of {session} stored more than once:" };
        await using (var command = new NpgsqlCommand(
            """
            SELECT version, event_type, batch_id, recorded_at FROM eventstore.events
            WHERE stream_id = $1 AND (data->>'messageId' = $2 OR data->>'inReplyTo' = $2) ORDER BY version
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = TestDatabase.StreamOf(session) });
            command.Parameters.Add(new NpgsqlParameter { Value = messageId });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                lines.Add($"  row: version {reader.GetInt32(0)} {reader.GetString(1)} batch {reader.GetGuid(2)} recorded {reader.GetDateTime(3):HH:mm:ss.fff}");
        }

        lines.AddRange(load.Attempts.Where(a => a.Session == session && a.MessageId == messageId)
            .Select(a => $"  attempt: {a.Started:HH:mm:ss.fff}-{a.Ended:HH:mm:ss.fff} status {a.Status}"));
        return string.Join('\n', lines);
    }

    public override string ToString() =>
        $"acknowledged {Acknowledged}, stored {Stored}, lost {Lost}, doubled {Doubled}, streams with gaps {StreamsWithGaps}, replies amiss {RepliesAmiss}";
}
