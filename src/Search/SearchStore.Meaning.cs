using Npgsql;

namespace Orleans.Conversations.Search;

public sealed partial class SearchStore
{
    /// <summary>How many rows each ranking contributes to the fusion.</summary>
    private const int FusedCandidates = 50;

    /// <summary>Reciprocal rank fusion's constant: a row's score is the sum over the rankings of 1 / (k + rank).</summary>
    private const int FusionK = 60;

    /// <summary>The cosine similarity below which a row is not related to the query at all.</summary>
    private const float Related = 0.3f;

    private int CandidatesFor(int limit) => embedder is null ? limit : Math.Max(limit, FusedCandidates);

    /// <summary>
    /// The full-text ranking <paramref name="fullText"/> reads; with an embedder, fused with the ranking by meaning over
    /// the scope's vectors, the rows only the latter found read from the index; at most <paramref name="limit"/>.
    /// </summary>
    private async Task<IReadOnlyList<RecalledMessage>> RecallAsync(
        NpgsqlCommand fullText, RecallScope scope, MeaningQuery query, int limit, CancellationToken cancellationToken)
    {
        var textual = await ReadRecalledAsync(fullText, scope, cancellationToken);
        if (embedder is null)
            return textual.Select(r => r.Message).Take(limit).ToList();

        var byMeaning = await RankByMeaningAsync(scope, query, cancellationToken);
        var fused = Fuse(textual.Select(r => r.Key).ToList(), byMeaning).Take(limit).ToList();
        var known = textual.ToDictionary(r => r.Key, r => r.Message);
        foreach (var (key, message) in await ReadRowsAsync(scope, fused.Where(k => !known.ContainsKey(k)).ToList(), cancellationToken))
            known[key] = message;
        return fused.Where(known.ContainsKey).Select(k => known[k]).ToList();
    }

    private static IEnumerable<MessageKey> Fuse(IReadOnlyList<MessageKey> first, IReadOnlyList<MessageKey> second)
    {
        var scores = new Dictionary<MessageKey, double>();
        foreach (var ranking in new[] { first, second })
        {
            for (var rank = 0; rank < ranking.Count; rank++)
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + 1.0 / (FusionK + rank + 1);
        }

        return scores.OrderByDescending(s => s.Value).Select(s => s.Key);
    }

    /// <summary>The scope's rows most similar in meaning to the query, at least <see cref="Related"/>, best first.</summary>
    private async Task<IReadOnlyList<MessageKey>> RankByMeaningAsync(RecallScope scope, MeaningQuery query, CancellationToken cancellationToken)
    {
        var target = await Task.Run(() => embedder!.Embed([query.Text], cancellationToken)[0], cancellationToken);
        await using var command = Command(
            $"""
            SELECT m.session_id, m.version, m.vector FROM search.message_vectors m
            WHERE {InScope} AND ($5::text IS NULL OR m.role = $5) AND ($6::timestamptz IS NULL OR m.session_id <> $3 OR m.at < $6)
            """);
        AddScope(command, scope);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = query.Role, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = query.SameSessionBefore, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        var scored = new List<(MessageKey Key, float Similarity)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var similarity = Dot(target, reader.GetFieldValue<float[]>(2));
            if (similarity >= Related)
                scored.Add((new MessageKey(reader.GetGuid(0), reader.GetInt32(1)), similarity));
        }

        return scored.OrderByDescending(s => s.Similarity).Take(FusedCandidates).Select(s => s.Key).ToList();
    }

    private async Task<List<(MessageKey Key, RecalledMessage Message)>> ReadRowsAsync(
        RecallScope scope, IReadOnlyList<MessageKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
            return [];
        await using var command = Command(
            $"""
            SELECT {Recalled} FROM search.messages m
            WHERE (m.session_id, m.version) IN (SELECT * FROM unnest($1::uuid[], $2::int[])) AND {NotErased}
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = keys.Select(k => k.SessionId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = keys.Select(k => k.Version).ToArray() });
        return await ReadRecalledAsync(command, scope, cancellationToken);
    }

    private static float Dot(float[] left, float[] right)
    {
        if (left.Length != right.Length)
            return 0f;
        var sum = 0f;
        for (var i = 0; i < left.Length; i++)
            sum += left[i] * right[i];
        return sum;
    }
}
