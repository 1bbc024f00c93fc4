using Npgsql;

namespace Orleans.Conversations.Access.Tests;

/// <summary>The test database with the access schema applied, and a tenant name of each test's own.</summary>
internal static class AccessDatabase
{
    private static readonly Lazy<Task<NpgsqlDataSource>> Prepared = new(async () =>
    {
        var dataSource = NpgsqlDataSource.Create(await TestDatabase.GetConnectionStringAsync());
        await AccessSchema.ApplyAsync(dataSource);
        return dataSource;
    });

    public static Task<NpgsqlDataSource> GetAsync() => Prepared.Value;

    public static async Task<string> GetConnectionStringAsync()
    {
        await GetAsync();
        return await TestDatabase.GetConnectionStringAsync();
    }

    public static async Task<ApiKeyStore> StoreAsync() => new(await GetAsync());

    public static string NewTenant() => $"t{Guid.NewGuid():N}";
}
