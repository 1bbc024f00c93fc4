using Microsoft.Extensions.Logging.Abstractions;

namespace Orleans.Conversations.EventStore.Tests;

/// <summary>What keeps reading an old version of a long stream cheap: snapshots kept sparsely, and ids looked up by index.</summary>
public sealed class OldVersionReadTests : IAsyncLifetime
{
    private const int Interval = 100;
    private PostgresEventStore _store = null!;

    public async Task InitializeAsync() => _store = new PostgresEventStore(
        "old-versions", new PostgresEventStoreOptions { ConnectionString = await TestDatabase.GetConnectionStringAsync() }, NullLoggerFactory.Instance);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task older_snapshots_are_kept_log_spaced_so_every_version_has_one_within_a_distance_bounded_by_its_age()
    {
        var stream = $"snapshots/{Guid.NewGuid():N}";
        const int newest = 40_000;
        for (var version = Interval; version <= newest; version += Interval)
            await _store.Streams.WriteSnapshotAsync(stream, version, "State", "{}", keep: 2, spacing: Interval);

        var kept = (await TestDatabase.ScalarAsync<int[]>(
            "SELECT array_agg(version ORDER BY version) FROM eventstore.snapshots WHERE stream_id = $1", stream)).ToList();

        Assert.Equal([newest - Interval, newest], kept.TakeLast(2));
        Assert.InRange(kept.Count, 3, 120);
        for (var version = 1; version <= newest; version++)
        {
            var below = kept.LastOrDefault(v => v <= version);
            var age = newest - version;
            Assert.True(version - below <= Math.Max(2 * Interval, age / 2),
                $"version {version} (age {age}) is {version - below} events above its nearest snapshot, {below}; kept: {string.Join(',', kept)}");
        }
    }

    [Fact]
    public async Task a_message_id_looked_up_in_a_long_stream_is_found_through_its_index()
    {
        var stream = $"conversation/{Guid.NewGuid():N}";
        await TestDatabase.ScalarAsync<int>(
            """
            WITH rows AS (
                INSERT INTO eventstore.events (stream_id, version, event_type, data, batch_id)
                SELECT $1, v, CASE WHEN v % 2 = 1 THEN 'UserMessageReceived' ELSE 'AssistantReplied' END,
                       CASE WHEN v % 2 = 1 THEN jsonb_build_object('text', 'message ' || v, 'messageId', 'm-' || v)
                            ELSE jsonb_build_object('text', 'reply ' || v, 'inReplyTo', 'm-' || (v - 1)) END,
                       gen_random_uuid()
                FROM generate_series(1, 20000) AS v
                RETURNING 1)
            SELECT count(*)::int FROM rows
            """, stream);
        await TestDatabase.ScalarAsync<object>("ANALYZE eventstore.events");

        var found = await _store.FindVersionsAsync(stream, "UserMessageReceived", """{"messageId":"m-4001"}""");
        var plan = await _store.Streams.ExplainFindVersionsAsync(stream, "UserMessageReceived", """{"messageId":"m-4001"}""");

        Assert.Equal([4001], found);
        Assert.Matches(@"Index Cond: .*\(data ->> 'messageId'::text\) =", plan);
        Assert.Empty(await _store.FindVersionsAsync(stream, "AssistantReplied", """{"messageId":"m-4001"}"""));
        Assert.Equal([4002], await _store.FindVersionsAsync(stream, "AssistantReplied", """{"inReplyTo":"m-4001"}"""));
    }
}
