using Npgsql;

namespace Orleans.Conversations.Search;

public sealed partial class SearchStore
{
    /// <summary>
    /// The messages of <paramref name="owner"/> of <paramref name="tenant"/> that match <paramref name="query"/>
    /// (web-search syntax: <c>"a phrase"</c>, <c>-word</c>, <c>or</c>), best first, after <paramref name="after"/>, at
    /// most <paramref name="limit"/>. A query with no word to find (only stop words, or only excluded words) finds nothing.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(
        string tenant, string owner, string query, int limit, SearchCursor? after, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            $"""
            WITH q AS (SELECT websearch_to_tsquery('search.folded', $3) AS query),
            page AS (
                SELECT m.session_id, m.version, m.role, m.text, m.at, ts_rank_cd(m.document, q.query) AS rank
                FROM search.messages m, q
                WHERE m.tenant_id = $1 AND m.owner_id = $2 AND querytree(q.query) NOT IN ('', 'T') AND m.document @@ q.query
                  AND {NotErased}
                  AND ($5 IS NULL OR ts_rank_cd(m.document, q.query) < $5
                       OR ts_rank_cd(m.document, q.query) = $5 AND (m.at, m.session_id, m.version) < ($6, $7, $8))
                ORDER BY rank DESC, m.at DESC, m.session_id DESC, m.version DESC
                LIMIT $4)
            SELECT m.session_id, {Title}, m.version, m.role, m.text,
                   ts_headline('search.folded', translate(m.text, $9, $11), q.query, $10), m.at, m.rank
            FROM page m, q
            ORDER BY m.rank DESC, m.at DESC, m.session_id DESC, m.version DESC
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = after is null ? DBNull.Value : after.Rank, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Real });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = after?.At ?? DateTimeOffset.MinValue });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after?.SessionId ?? Guid.Empty });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = after?.Version ?? 0 });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SearchSnippets.Replaced });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SearchSnippets.HeadlineOptions });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SearchSnippets.Replacements });

        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sessionId = reader.GetGuid(0);
            var version = reader.GetInt32(2);
            var at = reader.GetFieldValue<DateTimeOffset>(6);
            hits.Add(new SearchHit(sessionId, reader.IsDBNull(1) ? null : reader.GetString(1), version, reader.GetString(3), reader.GetString(4),
                SearchSnippets.ToHtml(reader.GetString(5)), at, new SearchCursor(reader.GetFloat(7), at, sessionId, version)));
        }

        return hits;
    }
}
