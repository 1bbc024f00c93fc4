using Npgsql;
using Orleans.Conversations.EventStore.Storage;

namespace Orleans.Conversations.EventStore.Tests;

public sealed class BatchingAppenderTests
{
    [Fact]
    public async Task appends_of_many_streams_share_round_trips_and_each_gets_its_own_outcome()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.GetConnectionStringAsync());
        await using var appender = new BatchingEventStreamAppender(dataSource, maxBatchSize: 64, concurrentBatches: 1);
        var streams = Enumerable.Range(0, 200).Select(i => $"batching/{Guid.NewGuid():N}").ToList();
        var contested = streams[0];

        var appends = streams.Select(s => appender.AppendAsync(Request(s, 0, 2), CancellationToken.None)).ToList();
        appends.Add(appender.AppendAsync(Request(contested, 0, 3), CancellationToken.None));
        var outcomes = await Task.WhenAll(appends);

        Assert.Equal(200, outcomes.Count(o => o));
        Assert.False(outcomes[^1], "the second append at version 0 of the same stream loses");
        Assert.True(appender.BatchesWritten < 100, $"{appender.BatchesWritten} round trips for 201 appends");
        Assert.Equal(400L, await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE stream_id = ANY($1)", (object)streams.ToArray()));
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(
            "SELECT count(DISTINCT batch_id) FROM eventstore.events WHERE stream_id = $1", contested));
    }

    [Fact]
    public async Task a_batch_that_conflicts_on_any_version_writes_none_of_its_events()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.GetConnectionStringAsync());
        await using var appender = new BatchingEventStreamAppender(dataSource, maxBatchSize: 8, concurrentBatches: 1);
        var taken = $"batching/{Guid.NewGuid():N}";
        var free = $"batching/{Guid.NewGuid():N}";
        await TestDatabase.ScalarAsync<int>(
            "INSERT INTO eventstore.events (stream_id, version, event_type, data, batch_id) VALUES ($1, 2, 'Other', '{}', gen_random_uuid()) RETURNING version", taken);

        var outcomes = await Task.WhenAll(
            appender.AppendAsync(Request(taken, 0, 3), CancellationToken.None),
            appender.AppendAsync(Request(free, 0, 3), CancellationToken.None));

        Assert.Equal([false, true], outcomes);
        Assert.Equal("2", await TestDatabase.ScalarAsync<string>(
            "SELECT string_agg(version::text, ',' ORDER BY version) FROM eventstore.events WHERE stream_id = $1", taken));
        Assert.Equal("1,2,3", await TestDatabase.ScalarAsync<string>(
            "SELECT string_agg(version::text, ',' ORDER BY version) FROM eventstore.events WHERE stream_id = $1", free));
    }

    [Fact]
    public async Task a_poisoned_append_inside_a_busy_batch_fails_alone_and_the_others_are_stored()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.GetConnectionStringAsync());
        await using var appender = new BatchingEventStreamAppender(dataSource, maxBatchSize: 64, concurrentBatches: 1);
        var streams = Enumerable.Range(0, 100).Select(i => $"batching/{Guid.NewGuid():N}").ToList();
        var poisoned = new AppendRequest(streams[50], 0, [new NewEvent("ItemAdded", """{"item":"nul \u0000 here"}""", "{}")], Guid.NewGuid());

        var appends = streams.Select(s => s == poisoned.StreamId
            ? appender.AppendAsync(poisoned, CancellationToken.None)
            : appender.AppendAsync(Request(s, 0, 2), CancellationToken.None)).ToList();
        var refusal = await Assert.ThrowsAsync<PostgresException>(() => appends[50]);
        appends.RemoveAt(50);
        var outcomes = await Task.WhenAll(appends);

        Assert.Equal("22P05", refusal.SqlState);
        Assert.All(outcomes, Assert.True);
        Assert.Equal(198L, await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE stream_id = ANY($1)", (object)streams.ToArray()));
    }

    private static AppendRequest Request(string stream, int expectedVersion, int events) => new(
        stream,
        expectedVersion,
        [.. Enumerable.Range(1, events).Select(i => new NewEvent("ItemAdded", $$"""{"item":"e{{i}}"}""", "{}"))],
        Guid.NewGuid());
}
