using Npgsql;

namespace Orleans.Conversations.Search;

public sealed partial class SearchStore : ITurnRecall
{
    /// <summary>The rows of the scope ($1 tenant, $2 owner, $3 session, $4 other sessions too) of row <c>m</c>.</summary>
    private const string InScope =
        $"m.tenant_id = $1 AND m.owner_id = $2 AND (m.session_id = $3 OR $4 AND m.recallable) AND {NotErased}";

    private const string Recalled = $"m.session_id, {Title}, m.role, m.text, m.at, m.version";

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RecalledMessage>> RecallTopicAsync(RecallScope scope, string topic, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            $"""
            WITH q AS (SELECT websearch_to_tsquery('search.folded', $5) AS query),
            matched AS (
                SELECT {Recalled}, ts_rank_cd(m.document, q.query) AS rank
                FROM search.messages m, q
                WHERE {InScope} AND m.role = 'user' AND querytree(q.query) NOT IN ('', 'T') AND m.document @@ q.query
                ORDER BY rank DESC, m.at DESC
                LIMIT $6)
            SELECT * FROM matched
            UNION ALL
            (SELECT {Recalled}, 0 FROM search.messages m
             WHERE NOT EXISTS (SELECT 1 FROM matched) AND {InScope} AND m.role = 'user'
               AND strpos(lower(unaccent(m.text)), lower(unaccent($5))) > 0
             ORDER BY m.at DESC
             LIMIT $6)
            """);
        AddScope(command, scope);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = topic });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = CandidatesFor(limit) });
        return await RecallAsync(command, scope, new MeaningQuery(topic, SearchRoles.User, null), limit, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RecalledMessage>> RecallRelevantAsync(
        RecallScope scope, string message, DateTimeOffset sameSessionBefore, int limit, CancellationToken cancellationToken = default)
    {
        // Any of the message's words: the rows sharing the most of them rank first.
        await using var command = Command(
            $"""
            WITH q AS (SELECT string_agg(quote_literal(lexeme), ' | ')::tsquery AS query FROM unnest(to_tsvector('search.folded', $5)))
            SELECT {Recalled}, ts_rank_cd(m.document, q.query) AS rank
            FROM search.messages m, q
            WHERE {InScope} AND (m.session_id <> $3 OR m.at < $7) AND m.document @@ q.query
            ORDER BY rank DESC, m.at DESC
            LIMIT $6
            """);
        AddScope(command, scope);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = message });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = CandidatesFor(limit) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = sameSessionBefore });
        return await RecallAsync(command, scope, new MeaningQuery(message, null, sameSessionBefore), limit, cancellationToken);
    }

    private static void AddScope(NpgsqlCommand command, RecallScope scope)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope.Tenant });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope.Owner });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = scope.SessionId });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = scope.OtherSessions });
    }

    private static async Task<List<(MessageKey Key, RecalledMessage Message)>> ReadRecalledAsync(
        NpgsqlCommand command, RecallScope scope, CancellationToken cancellationToken)
    {
        var recalled = new List<(MessageKey, RecalledMessage)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sessionId = reader.GetGuid(0);
            recalled.Add((new MessageKey(sessionId, reader.GetInt32(5)), new RecalledMessage(sessionId, reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4), sessionId == scope.SessionId)));
        }

        return recalled;
    }
}
