using Npgsql;
using Orleans.Conversations.EventStore;

namespace Orleans.Conversations.Bench.Infrastructure;

/// <summary>The benchmark's own database with the event store's schema (silos add Orleans' own), plus the tables of the baselines.</summary>
public sealed class BenchDatabase(string connectionString) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 300 }.ConnectionString);

    public async Task PrepareAsync()
    {
        await PostgresEventStoreSchema.ApplyAsync(DataSource);
        await ExecuteAsync(
            """
            CREATE TABLE IF NOT EXISTS bench_raw_events (LIKE eventstore.events INCLUDING DEFAULTS INCLUDING IDENTITY);
            ALTER TABLE bench_raw_events DROP CONSTRAINT IF EXISTS bench_raw_events_pkey;
            ALTER TABLE bench_raw_events ADD CONSTRAINT bench_raw_events_pkey PRIMARY KEY (stream_id, version);
            CREATE UNIQUE INDEX IF NOT EXISTS bench_raw_events_position ON bench_raw_events (global_position);
            CREATE TABLE IF NOT EXISTS bench_seed_events (LIKE bench_raw_events INCLUDING ALL);
            """);
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Flushes dirty pages now, so that the next measurement does not pay for the previous one's writes.</summary>
    public async Task CheckpointAsync()
    {
        try
        {
            await ExecuteAsync("CHECKPOINT");
        }
        catch (PostgresException)
        {
            // Only a superuser may; on a shared server the measurement goes on without it.
        }
    }

    /// <summary>Empties the service's conversations, so that every hosting layout starts from the same database.</summary>
    public async Task ClearConversationsAsync()
    {
        await ExecuteAsync(
            """
            TRUNCATE eventstore.events, eventstore.snapshots, eventstore.erased_streams;
            DO $$ BEGIN
                IF to_regclass('session_list.sessions') IS NOT NULL THEN TRUNCATE session_list.sessions; END IF;
            END $$;
            """);
        await CheckpointAsync();
    }

    /// <summary>Fills a conversation stream with <paramref name="events"/> valid events: a start, then message and reply pairs.</summary>
    public Task FillConversationAsync(string table, string streamId, int events) => ExecuteAsync(
        $"""
        INSERT INTO {table} (stream_id, version, event_type, data, batch_id)
        SELECT $1, v,
               CASE WHEN v = 1 THEN 'SessionStarted' WHEN v % 2 = 0 THEN 'UserMessageReceived' ELSE 'AssistantReplied' END,
               CASE WHEN v = 1 THEN jsonb_build_object('userId', 'bench', 'recentTurnLimit', 20, 'at', now())
                    WHEN v % 2 = 0 THEN jsonb_build_object('text', 'message number ' || v, 'messageId', 'm' || v, 'at', now())
                    ELSE jsonb_build_object('text', 'reply number ' || v, 'inReplyTo', 'm' || (v - 1), 'at', now()) END,
               gen_random_uuid()
        FROM generate_series(1, $2) AS v
        """, streamId, events);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
