using Npgsql;

namespace Orleans.Conversations.Access.Tests;

public sealed class AccessSchemaTests
{
    [Fact]
    public async Task the_schema_applies_to_a_new_database_once_however_often_it_is_applied()
    {
        await using var database = await TestDatabase.CreateScratchDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        await AccessSchema.ApplyAsync(dataSource);
        await AccessSchema.ApplyAsync(dataSource);

        await using var command = dataSource.CreateCommand(
            "SELECT string_agg(script, ',') FROM public.schema_migrations WHERE script LIKE 'access/%'");
        Assert.Equal("access/001_api_keys.sql", await command.ExecuteScalarAsync());
        Assert.Empty(await new ApiKeyStore(dataSource).ListAsync(null));
    }
}
