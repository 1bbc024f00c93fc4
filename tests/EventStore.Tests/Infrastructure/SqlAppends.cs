using Npgsql;
using NpgsqlTypes;

namespace Orleans.Conversations.EventStore.Tests.Infrastructure;

/// <summary>Calls <c>eventstore.append_to_streams</c> directly, in a transaction the test controls if it likes.</summary>
internal static class SqlAppends
{
    /// <summary>One stream's append: <paramref name="Events"/> events after <paramref name="Expected"/>.</summary>
    public sealed record Append(string Stream, int Expected, int Events, string? Tenant = null);

    public static async Task<bool[]> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, params Append[] appends)
    {
        await using var command = new NpgsqlCommand("SELECT eventstore.append_to_streams($1, $2, $3, $4, $5, $6, $7)", connection, transaction);
        var events = appends.SelectMany(a => Enumerable.Range(a.Expected + 1, a.Events).Select(v => (a.Stream, Version: v, a.Tenant))).ToArray();
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. appends.Select(a => a.Stream)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. appends.Select(a => a.Expected)] });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. appends.Select(_ => Guid.NewGuid())] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. appends.Select(a => a.Events)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(_ => "ItemAdded")] });
        command.Parameters.Add(new NpgsqlParameter<string[]>
        {
            TypedValue = [.. events.Select(e => $$"""{"item":"{{e.Stream}}#{{e.Version}}"}""")],
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        command.Parameters.Add(new NpgsqlParameter<string[]>
        {
            TypedValue = [.. events.Select(e => Metadata(e.Tenant))],
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        return (bool[])(await command.ExecuteScalarAsync())!;
    }

    public static async Task<bool[]> AppendAsync(params Append[] appends)
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.GetConnectionStringAsync());
        await connection.OpenAsync();
        return await AppendAsync(connection, null, appends);
    }

    public static string Metadata(string? tenant) => tenant is null ? "{}" : $$"""{"tenantId":"{{tenant}}"}""";

    public static async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(await TestDatabase.GetConnectionStringAsync());
        await connection.OpenAsync();
        return connection;
    }
}
