using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Conversations.EventStore.Tests.Infrastructure;
using Orleans.Conversations.Migrations;

namespace Orleans.Conversations.EventStore.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task migrations_started_by_several_processes_at_once_all_succeed_and_record_each_script_once()
    {
        await using var database = await TestDatabase.CreateScratchDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
            await PostgresEventStoreSchema.ApplyAsync(dataSource);
        })));

        await using var check = NpgsqlDataSource.Create(database.ConnectionString);
        await using var count = check.CreateCommand("SELECT count(*) FROM public.schema_migrations WHERE script LIKE 'eventstore/%'");
        Assert.Equal((long)(PostgresEventStoreSchema.Scripts.Scripts.Count + PostgresEventStoreSchema.Scripts.RepeatableScripts.Count), await count.ExecuteScalarAsync());
        Assert.Contains("001_events.sql", PostgresEventStoreSchema.Scripts.Scripts);
    }

    [Fact]
    public async Task every_event_store_script_can_be_applied_again_on_a_migrated_database()
    {
        // On a database of its own: a script's DDL locks the events table, which would stall every other test's appends.
        await using var database = await TestDatabase.CreateScratchDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await PostgresEventStoreSchema.ApplyAsync(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync();

        foreach (var script in PostgresEventStoreSchema.Scripts.Scripts)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand(PostgresEventStoreSchema.Scripts.Read(script), connection, transaction))
                await command.ExecuteNonQueryAsync();
            await transaction.RollbackAsync();
        }
    }

    [Fact]
    public async Task a_database_of_the_first_three_scripts_keeps_its_rows_when_the_later_ones_are_applied()
    {
        await using var database = await TestDatabase.CreateScratchDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using (var old = dataSource.CreateCommand(
            "CREATE TABLE public.schema_migrations (script text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"))
            await old.ExecuteNonQueryAsync();
        foreach (var script in PostgresEventStoreSchema.Scripts.Scripts.Take(3))
            await ApplyAsBeforeAsync(dataSource, script);

        await using (var rows = dataSource.CreateCommand(
            """
            INSERT INTO eventstore.events (stream_id, version, event_type, data, metadata, batch_id)
            VALUES ('old/a', 1, 'ItemAdded', '{"item":"a1"}', '{"tenantId":"acme"}', gen_random_uuid()),
                   ('old/a', 2, 'ItemAdded', '{"item":"a2"}', '{"tenantId":"acme"}', gen_random_uuid()),
                   ('old/b', 1, 'ItemAdded', '{"item":"b1"}', '{}', gen_random_uuid());
            INSERT INTO eventstore.snapshots (stream_id, version, state_type, state) VALUES ('old/a', 2, 'State', '{}');
            """))
            await rows.ExecuteNonQueryAsync();

        await PostgresEventStoreSchema.ApplyAsync(dataSource);

        await using var store = new PostgresEventStore("migrated", new PostgresEventStoreOptions { DataSource = dataSource }, NullLoggerFactory.Instance);
        var all = new FeedReader(store, FeedCursor.Start);
        await all.ReadUntilAsync(3, limit: 10);
        var acme = new FeedReader(store, FeedCursor.Start, "acme");
        await acme.ReadUntilAsync(2, limit: 10);
        Assert.Equal(["old/a:1:acme", "old/a:2:acme", "old/b:1:"], all.Seen.Select(e => $"{e.StreamId}:{e.Version}:{e.TenantId}"));
        Assert.Single(all.Seen.Select(e => e.Cursor.TransactionId).Distinct());
        Assert.Equal(all.Seen.Take(2), acme.Seen);
        Assert.NotNull(await store.Streams.ReadSnapshotAsync("old/a"));
        Assert.True(await store.Streams.AppendAsync(
            new("old/b", 1, [new("ItemAdded", """{"item":"b2"}""", "{}")], Guid.NewGuid()), CancellationToken.None));
        await all.ReadUntilAsync(4, limit: 10);
        Assert.Equal("old/b:2", $"{all.Seen[^1].StreamId}:{all.Seen[^1].Version}");
    }

    [Fact]
    public async Task an_applied_script_whose_text_changed_stops_the_migration_naming_the_script()
    {
        await using var database = await TestDatabase.CreateScratchDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await PostgresEventStoreSchema.ApplyAsync(dataSource);
        await using (var tamper = dataSource.CreateCommand("UPDATE public.schema_migrations SET checksum = 'edited' WHERE script = 'eventstore/001_events.sql'"))
            await tamper.ExecuteNonQueryAsync();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync([PostgresEventStoreSchema.Scripts]));

        Assert.Contains("eventstore/001_events.sql", failure.Message);
        Assert.Contains("new numbered script", failure.Message);
    }

    [Fact]
    public async Task a_database_migrated_by_the_numbered_scripts_alone_keeps_the_same_append_function_after_the_repeatable_one()
    {
        await using var database = await TestDatabase.CreateScratchDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using (var old = dataSource.CreateCommand(
            "CREATE TABLE public.schema_migrations (script text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"))
            await old.ExecuteNonQueryAsync();
        foreach (var script in PostgresEventStoreSchema.Scripts.Scripts)
            await ApplyAsBeforeAsync(dataSource, script);
        var before = await AppendFunctionAsync(dataSource);

        await PostgresEventStoreSchema.ApplyAsync(dataSource);

        Assert.Equal(before, await AppendFunctionAsync(dataSource));
        Assert.Equal(["repeatable/append_to_streams.sql"], PostgresEventStoreSchema.Scripts.RepeatableScripts);
        Assert.Equal(1L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM public.schema_migrations WHERE script = 'eventstore/repeatable/append_to_streams.sql'"));
        await using var fresh = await TestDatabase.CreateScratchDatabaseAsync();
        await using var freshSource = NpgsqlDataSource.Create(fresh.ConnectionString);
        await PostgresEventStoreSchema.ApplyAsync(freshSource);
        Assert.Equal(before, await AppendFunctionAsync(freshSource));
    }

    [Fact]
    public async Task a_repeatable_script_whose_text_changed_since_it_was_applied_is_applied_again()
    {
        await using var database = await TestDatabase.CreateScratchDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await PostgresEventStoreSchema.ApplyAsync(dataSource);
        await using (var older = dataSource.CreateCommand(
            """
            DROP FUNCTION eventstore.append_to_streams(text[], integer[], uuid[], integer[], text[], jsonb[], jsonb[]);
            UPDATE public.schema_migrations SET checksum = 'an earlier text' WHERE script = 'eventstore/repeatable/append_to_streams.sql';
            """))
            await older.ExecuteNonQueryAsync();

        await PostgresEventStoreSchema.ApplyAsync(dataSource);

        Assert.NotNull(await AppendFunctionAsync(dataSource));
        Assert.NotEqual("an earlier text", await ScalarAsync<string>(dataSource,
            "SELECT checksum FROM public.schema_migrations WHERE script = 'eventstore/repeatable/append_to_streams.sql'"));
    }

    [Fact]
    public async Task an_unchanged_repeatable_script_is_not_applied_again()
    {
        await using var database = await TestDatabase.CreateScratchDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await PostgresEventStoreSchema.ApplyAsync(dataSource);
        var appliedAt = await ScalarAsync<DateTime>(dataSource,
            "SELECT applied_at FROM public.schema_migrations WHERE script = 'eventstore/repeatable/append_to_streams.sql'");

        await PostgresEventStoreSchema.ApplyAsync(dataSource);

        Assert.Equal(appliedAt, await ScalarAsync<DateTime>(dataSource,
            "SELECT applied_at FROM public.schema_migrations WHERE script = 'eventstore/repeatable/append_to_streams.sql'"));
    }

    private static async Task ApplyAsBeforeAsync(NpgsqlDataSource dataSource, string script)
    {
        var text = PostgresEventStoreSchema.Scripts.Read(script);
        await using var apply = dataSource.CreateCommand(text);
        await apply.ExecuteNonQueryAsync();
        await using var record = dataSource.CreateCommand("INSERT INTO public.schema_migrations (script, checksum) VALUES ($1, $2)");
        record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"eventstore/{script}" });
        record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))) });
        await record.ExecuteNonQueryAsync();
    }

    private static Task<string> AppendFunctionAsync(NpgsqlDataSource dataSource) => ScalarAsync<string>(dataSource,
        "SELECT pg_get_functiondef('eventstore.append_to_streams(text[],integer[],uuid[],integer[],text[],jsonb[],jsonb[])'::regprocedure)");

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
