using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Conversations.EventStore.Storage;
using Orleans.Conversations.EventStore.Tests.Infrastructure;
using static Orleans.Conversations.EventStore.Tests.Infrastructure.SqlAppends;

namespace Orleans.Conversations.EventStore.Tests;

public sealed class EraseTests : IAsyncLifetime
{
    private PostgresEventStore _store = null!;

    public async Task InitializeAsync() => _store = new PostgresEventStore(
        "erase", new PostgresEventStoreOptions { ConnectionString = await TestDatabase.GetConnectionStringAsync() }, NullLoggerFactory.Instance);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task an_erased_stream_loses_its_events_and_snapshots_and_keeps_a_tombstone()
    {
        var stream = $"erase/{Guid.NewGuid():N}";
        var neighbour = $"erase/{Guid.NewGuid():N}";
        await AppendAsync(new Append(stream, 0, 5), new Append(neighbour, 0, 2));
        await _store.Streams.WriteSnapshotAsync(stream, 5, "State", "{}", keep: 2);
        Assert.False(await _store.IsErasedAsync(stream));

        Assert.Equal(5, await EraseAsync(stream));

        Assert.Equal(0L, await RowsAsync("eventstore.events", stream));
        Assert.Equal(0L, await RowsAsync("eventstore.snapshots", stream));
        Assert.Equal(1L, await RowsAsync("eventstore.erased_streams", stream));
        Assert.Equal(2L, await RowsAsync("eventstore.events", neighbour));
        Assert.True(await _store.IsErasedAsync(stream));
        Assert.False(await _store.IsErasedAsync(neighbour));
        Assert.Equal(0, await EraseAsync(stream));
    }

    [Fact]
    public async Task every_erasure_runs_the_reactions_once_it_has_committed_and_says_whether_they_removed_anything()
    {
        var stream = $"erase/{Guid.NewGuid():N}";
        await AppendAsync(new Append(stream, 0, 2));
        var reaction = new RecordingReaction();
        IEventStreamEraser eraser = new ReactingStreamEraser(_store, [reaction]);
        var request = new StreamErasureRequest(Guid.NewGuid(), "acme", "alice");

        var first = await eraser.EraseAsync(stream, request);
        var again = await eraser.EraseAsync(stream, new StreamErasureRequest(Guid.NewGuid(), "acme", "alice"));

        Assert.Equal([(stream, 0L), (stream, 0L)], reaction.Seen);
        Assert.True(first.RemovedElsewhere);
        Assert.False(again.RemovedElsewhere);
        Assert.Equal(request.ErasureId, again.Tombstone.ErasureId);
    }

    [Fact]
    public async Task no_append_path_writes_to_an_erased_stream_again()
    {
        var stream = $"erase/{Guid.NewGuid():N}";
        var other = $"erase/{Guid.NewGuid():N}";
        await AppendAsync(new Append(stream, 0, 3));
        await EraseAsync(stream);
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.GetConnectionStringAsync());
        await using var batching = new BatchingEventStreamAppender(dataSource, maxBatchSize: 8, concurrentBatches: 1);

        Assert.Equal(new[] { false, true }, await AppendAsync(new Append(stream, 0, 2), new Append(other, 0, 1)));
        Assert.False(await _store.Streams.AppendAsync(Request(stream, 0), CancellationToken.None));
        Assert.False(await _store.Streams.AppendAsync(Request(stream, 3), CancellationToken.None));
        Assert.Equal(new[] { false, true, false }, await Task.WhenAll(
            batching.AppendAsync(Request(stream, 0), CancellationToken.None),
            batching.AppendAsync(Request(other, 1), CancellationToken.None),
            batching.AppendAsync(Request(stream, 3), CancellationToken.None)));
        Assert.Equal(0L, await RowsAsync("eventstore.events", stream));
        Assert.Equal(2L, await RowsAsync("eventstore.events", other));
    }

    [Fact]
    public async Task erasing_a_stream_that_never_existed_deletes_nothing_and_still_blocks_it()
    {
        var stream = $"erase/{Guid.NewGuid():N}";

        Assert.Equal(0, await EraseAsync(stream));

        Assert.True(await _store.IsErasedAsync(stream));
        Assert.Equal(new[] { false }, await AppendAsync(new Append(stream, 0, 1)));
        Assert.False(await _store.Streams.AppendAsync(Request(stream, 0), CancellationToken.None));
        Assert.Equal(0L, await RowsAsync("eventstore.events", stream));
    }

    [Trait(FeedHolding.Trait, FeedHolding.TheFeed)]
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task an_erasure_waits_for_an_append_in_flight_and_removes_its_rows_too(bool batchFunction)
    {
        var stream = $"erase/{Guid.NewGuid():N}";
        await AppendAsync(new Append(stream, 0, 2));
        await using var held = await OpenAsync();
        await using var transaction = await held.BeginTransactionAsync();
        if (batchFunction)
        {
            Assert.Equal(new[] { true }, await AppendAsync(held, transaction, new Append(stream, 2, 3)));
        }
        else
        {
            await ExecuteAsync(held, transaction, stream,
                "SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))",
                "INSERT INTO eventstore.events (stream_id, version, event_type, data, batch_id) SELECT $1, v, 'ItemAdded', '{}', gen_random_uuid() FROM generate_series(3, 5) v");
        }

        var erasure = EraseAsync(stream);
        await Task.Delay(500);
        Assert.False(erasure.IsCompleted, "the erasure went ahead of an append in flight");
        await transaction.CommitAsync();

        Assert.Equal(5, await erasure.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0L, await RowsAsync("eventstore.events", stream));
    }

    [Trait(FeedHolding.Trait, FeedHolding.TheFeed)]
    [Fact]
    public async Task an_append_that_waited_for_an_erasure_writes_nothing()
    {
        var stream = $"erase/{Guid.NewGuid():N}";
        await AppendAsync(new Append(stream, 0, 2));
        await using var eraser = await OpenAsync();
        await using var transaction = await eraser.BeginTransactionAsync();
        await ExecuteAsync(eraser, transaction, stream,
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            "INSERT INTO eventstore.erased_streams (stream_id) VALUES ($1)",
            "DELETE FROM eventstore.events WHERE stream_id = $1");

        var batched = AppendAsync(new Append(stream, 0, 1));
        var single = _store.Streams.AppendAsync(Request(stream, 0), CancellationToken.None);
        await Task.Delay(500);
        Assert.False(batched.IsCompleted || single.IsCompleted, "an append went ahead of an erasure in flight");
        await transaction.CommitAsync();

        Assert.Equal(new[] { false }, await batched);
        Assert.False(await single);
        Assert.Equal(0L, await RowsAsync("eventstore.events", stream));
    }

    [Fact]
    public async Task a_snapshot_written_after_an_erasure_is_refused()
    {
        var stream = $"erase/{Guid.NewGuid():N}";
        await AppendAsync(new Append(stream, 0, 3));
        await EraseAsync(stream);

        await _store.Streams.WriteSnapshotAsync(stream, 3, "State", "{}", keep: 2);

        Assert.Equal(0L, await RowsAsync("eventstore.snapshots", stream));
        Assert.Null(await _store.Streams.ReadSnapshotAsync(stream));
    }

    [Fact]
    public async Task an_erasure_shows_in_the_feed_as_a_marker_with_its_tenant_where_it_committed()
    {
        var tenant = $"erasing-{Guid.NewGuid():N}";
        var stream = $"erase/{Guid.NewGuid():N}";
        var kept = $"erase/{Guid.NewGuid():N}";
        await AppendAsync(new Append(stream, 0, 2, tenant), new Append(kept, 0, 1, tenant));

        var erasure = await _store.EraseAsync(stream, new StreamErasureRequest(Guid.NewGuid(), tenant, "owner"));
        await AppendAsync(new Append(kept, 1, 1, tenant));
        var reader = new FeedReader(_store, FeedCursor.Start, tenant);
        await reader.ReadUntilAsync(3, limit: 2);
        var otherTenant = new FeedReader(_store, FeedCursor.Start, $"other-{tenant}");
        await otherTenant.ReadToEndAsync(limit: 100);

        Assert.Equal(2, erasure.ErasedEvents);
        Assert.Equal([(kept, 1), (stream, 0), (kept, 2)], reader.Seen.Select(e => (e.StreamId, e.Version)));
        var marker = reader.Seen[1];
        Assert.True(marker.IsErasure);
        Assert.Equal(FeedEvent.StreamErasedType, marker.EventType);
        Assert.Equal(tenant, marker.TenantId);
        Assert.Empty(otherTenant.Seen);
    }

    [Fact]
    public async Task a_repeated_erasure_keeps_the_first_tombstone_and_tells_whose_it_is()
    {
        var stream = $"erase/{Guid.NewGuid():N}";
        await AppendAsync(new Append(stream, 0, 2));
        var first = new StreamErasureRequest(Guid.NewGuid(), "t", "o");
        var second = new StreamErasureRequest(Guid.NewGuid(), "t", "o");

        var erased = await _store.EraseAsync(stream, first);
        var retried = await _store.EraseAsync(stream, first);
        var other = await _store.EraseAsync(stream, second);

        Assert.True(erased.IsFrom(first) && retried.IsFrom(first));
        Assert.False(other.IsFrom(second));
        Assert.Equal((2, 0, 0), (erased.ErasedEvents, retried.ErasedEvents, other.ErasedEvents));
        Assert.Equal(first.ErasureId, (await _store.ReadTombstoneAsync(stream))!.ErasureId);
    }

    [Fact]
    public async Task streams_are_found_by_the_owner_their_first_event_names()
    {
        var tenant = $"owners-{Guid.NewGuid():N}";
        var mine = $"erase/{Guid.NewGuid():N}";
        var theirs = $"erase/{Guid.NewGuid():N}";
        Assert.True(await _store.Streams.AppendAsync(OwnedRequest(mine, tenant, "ann"), CancellationToken.None));
        Assert.True(await _store.Streams.AppendAsync(OwnedRequest(theirs, tenant, "bob"), CancellationToken.None));

        Assert.Equal([mine], await _store.FindStreamsOfOwnerAsync(tenant, "ann"));
        Assert.Empty(await _store.FindStreamsOfOwnerAsync($"other-{tenant}", "ann"));
    }

    [Fact]
    public async Task no_stream_of_an_owner_starts_while_the_owner_is_held_and_others_go_on()
    {
        var tenant = $"owners-{Guid.NewGuid():N}";
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.GetConnectionStringAsync());
        await using var batching = new BatchingEventStreamAppender(dataSource, maxBatchSize: 8, concurrentBatches: 1);
        var existing = $"erase/{Guid.NewGuid():N}";
        Assert.True(await _store.Streams.AppendAsync(OwnedRequest(existing, tenant, "ann"), CancellationToken.None));

        Task<bool> single, batched;
        await using (await _store.HoldOwnerAsync(tenant, "ann"))
        {
            single = _store.Streams.AppendAsync(OwnedRequest($"erase/{Guid.NewGuid():N}", tenant, "ann"), CancellationToken.None);
            batched = batching.AppendAsync(OwnedRequest($"erase/{Guid.NewGuid():N}", tenant, "ann"), CancellationToken.None);
            Assert.True(await batching.AppendAsync(OwnedRequest($"erase/{Guid.NewGuid():N}", tenant, "bob"), CancellationToken.None));
            Assert.True(await batching.AppendAsync(OwnedRequest(existing, tenant, "ann", expectedVersion: 1), CancellationToken.None));
            await Task.Delay(500);
            Assert.False(single.IsCompleted || batched.IsCompleted, "a stream of the held owner started");
        }

        Assert.True(await single.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await batched.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private async Task<int> EraseAsync(string stream) =>
        (await _store.EraseAsync(stream, new StreamErasureRequest(Guid.NewGuid(), "erase-tests", "owner"))).ErasedEvents;

    private static AppendRequest OwnedRequest(string stream, string tenant, string owner, int expectedVersion = 0) =>
        new(stream, expectedVersion, [new NewEvent("ItemAdded", """{"item":"x"}""", $$"""{"tenantId":"{{tenant}}","ownerId":"{{owner}}"}""")], Guid.NewGuid());

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string stream, params string[] statements)
    {
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
            await command.ExecuteNonQueryAsync();
        }
    }

    private static Task<long> RowsAsync(string table, string stream) =>
        TestDatabase.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE stream_id = $1", stream);

    private static AppendRequest Request(string stream, int expectedVersion) =>
        new(stream, expectedVersion, [new NewEvent("ItemAdded", """{"item":"late"}""", "{}")], Guid.NewGuid());

    /// <summary>Records the stream and its events left when called, and reports a removal the first time only.</summary>
    private sealed class RecordingReaction : IStreamErasureReaction
    {
        public List<(string Stream, long EventsLeft)> Seen { get; } = [];

        public async Task<bool> OnErasedAsync(string streamId, StreamTombstone tombstone, CancellationToken cancellationToken = default)
        {
            Seen.Add((streamId, await RowsAsync("eventstore.events", streamId)));
            return Seen.Count == 1;
        }
    }
}
