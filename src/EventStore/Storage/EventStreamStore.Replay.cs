using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;

namespace Orleans.Conversations.EventStore.Storage;

internal sealed partial class EventStreamStore
{
    /// <summary>
    /// The type and data of the events of <paramref name="streamId"/> with versions in (<paramref name="afterVersion"/>,
    /// <paramref name="upToVersion"/>], oldest first, read row by row from one query: a caller that folds them holds one
    /// event at a time, never the whole range.
    /// </summary>
    public async IAsyncEnumerable<(string EventType, string Data)> StreamEventsAsync(
        string streamId, int afterVersion, int upToVersion, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT event_type, data::text
            FROM eventstore.events
            WHERE stream_id = $1 AND version > $2 AND version <= $3
            ORDER BY version
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = afterVersion });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = upToVersion });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return (reader.GetString(0), reader.GetString(1));
    }

    /// <summary>
    /// Versions of the events of <paramref name="streamId"/> of type <paramref name="eventType"/> whose data contains
    /// <paramref name="jsonFragment"/>, oldest first. A fragment of one string field (<c>{"messageId":"m1"}</c>) is
    /// looked up as <c>data-&gt;&gt;'messageId' = 'm1'</c> with the event type written in the query, so that a partial
    /// expression index on that field (schema 008) serves it; any other fragment is matched with <c>@&gt;</c>.
    /// </summary>
    public async Task<List<int>> FindVersionsIndexedAsync(string streamId, string eventType, string jsonFragment, CancellationToken cancellationToken = default)
    {
        if (FieldLookup(eventType, jsonFragment) is not { } lookup)
            return await FindVersionsAsync(streamId, eventType, jsonFragment, cancellationToken);

        await using var command = dataSource.CreateCommand(lookup.Sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lookup.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jsonFragment });
        return await ReadVersionsAsync(command, cancellationToken);
    }

    /// <summary>The plan PostgreSQL makes for <see cref="FindVersionsIndexedAsync"/>'s query, for tests and operators.</summary>
    public async Task<string> ExplainFindVersionsAsync(string streamId, string eventType, string jsonFragment, CancellationToken cancellationToken = default)
    {
        var lookup = FieldLookup(eventType, jsonFragment);
        await using var command = dataSource.CreateCommand("EXPLAIN " + (lookup?.Sql ??
            "SELECT version FROM eventstore.events WHERE stream_id = $1 AND event_type = $2 AND data @> $3::jsonb ORDER BY version"));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lookup?.Value ?? eventType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jsonFragment });
        var plan = new System.Text.StringBuilder();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            plan.AppendLine(reader.GetString(0));
        return plan.ToString();
    }

    /// <summary>
    /// The query for a fragment of exactly one string field, or null. The type and the field name are written into the
    /// query (a partial or expression index is used only for literals); both are checked to be plain names first. The
    /// <c>@&gt;</c> kept beside the indexed condition leaves the result exactly what the fragment asks for.
    /// </summary>
    private static (string Sql, string Value)? FieldLookup(string eventType, string jsonFragment)
    {
        if (!IsPlainName(eventType))
            return null;
        using var document = JsonDocument.Parse(jsonFragment);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            return null;
        using var fields = document.RootElement.EnumerateObject();
        if (!fields.MoveNext() || fields.Current is not { Value.ValueKind: JsonValueKind.String } field || !IsPlainName(field.Name) || fields.MoveNext())
            return null;
        return ($"""
            SELECT version
            FROM eventstore.events
            WHERE stream_id = $1 AND event_type = '{eventType}' AND data->>'{field.Name}' = $2 AND data @> $3::jsonb
            ORDER BY version
            """, field.Value.GetString()!);
    }

    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
