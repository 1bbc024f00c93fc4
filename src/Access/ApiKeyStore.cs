using Npgsql;
using NpgsqlTypes;

namespace Orleans.Conversations.Access;

/// <summary>
/// The API keys in <c>access.api_keys</c>: issues them (storing only a hash), lists and revokes them. The schema must
/// have been applied (<see cref="AccessSchema"/>).
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, tenant, user_id, is_admin, created_at, created_by, revoked_at";

    /// <summary>
    /// Issues a new key for <paramref name="userId"/> in <paramref name="tenant"/>, issued by <paramref name="createdBy"/>
    /// (<c>cli</c>, or <c>tenant/user</c> of the admin).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> or <paramref name="userId"/> is not a valid id.</exception>
    public async Task<IssuedApiKey> CreateAsync(
        string tenant, string userId, bool isAdmin, string createdBy, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(nameof(tenant), tenant);
        ThrowIfInvalid(nameof(userId), userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);

        var key = ApiKeyFormat.NewKey(out var id);
        await using var command = dataSource.CreateCommand(
            "INSERT INTO access.api_keys (id, key_hash, tenant, user_id, is_admin, created_by) " +
            "VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = ApiKeyFormat.Hash(key), NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = isAdmin });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = createdBy });
        var createdAt = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new IssuedApiKey(new ApiKeyRecord(id, tenant, userId, isAdmin, new DateTimeOffset(createdAt), createdBy, null), key);
    }

    /// <summary>The keys of <paramref name="tenant"/>, or of every tenant when it is null, newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? tenant, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM access.api_keys WHERE $1::text IS NULL OR tenant = $1 ORDER BY created_at DESC, id");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken))
            keys.Add(ReadRecord(reader));
        return keys;
    }

    /// <summary>Revokes the key <paramref name="id"/> of <paramref name="tenant"/>; false if it has no such active key.</summary>
    public Task<bool> RevokeAsync(string tenant, string id, CancellationToken cancellationToken = default) =>
        RevokeAsync("id = $1 AND tenant = $2", cancellationToken, id, tenant);

    /// <summary>Revokes the key <paramref name="id"/> whatever its tenant (for operators); false if there is no such active key.</summary>
    public Task<bool> RevokeAnyTenantAsync(string id, CancellationToken cancellationToken = default) =>
        RevokeAsync("id = $1", cancellationToken, id);

    internal async Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns}, key_hash FROM access.api_keys WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new StoredApiKey(ReadRecord(reader), reader.GetFieldValue<byte[]>(7));
    }

    private async Task<bool> RevokeAsync(string condition, CancellationToken cancellationToken, params string[] values)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE access.api_keys SET revoked_at = now() WHERE {condition} AND revoked_at IS NULL");
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static ApiKeyRecord ReadRecord(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetBoolean(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));

    private static void ThrowIfInvalid(string field, string value)
    {
        if (Identities.Problem(field, value) is { } problem)
            throw new ArgumentException(problem, field);
    }
}
