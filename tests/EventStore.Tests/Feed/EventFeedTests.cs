using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Conversations.EventStore.Tests.Infrastructure;
using static Orleans.Conversations.EventStore.Tests.Infrastructure.SqlAppends;

namespace Orleans.Conversations.EventStore.Tests.Feed;

public sealed class EventFeedTests : IAsyncLifetime
{
    private PostgresEventStore _store = null!;
    private readonly string _tenant = $"tenant-{Guid.NewGuid():N}";

    public async Task InitializeAsync() => _store = new PostgresEventStore(
        "feed", new PostgresEventStoreOptions { ConnectionString = await TestDatabase.GetConnectionStringAsync() }, NullLoggerFactory.Instance);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task paging_with_any_limit_returns_every_committed_event_once_in_commit_order()
    {
        var streams = Enumerable.Range(0, 6).Select(_ => $"feed/{Guid.NewGuid():N}").ToArray();
        var start = await EndOfFeedAsync();
        for (var round = 0; round < 3; round++)
            await AppendAsync([.. streams.Select(s => new Append(s, round * 2, 2, _tenant))]);
        await Task.WhenAll(streams.Select(s => _store.Appender.AppendAsync(
            new(s, 6, [new("ItemAdded", """{"item":"batched"}""", SqlAppends.Metadata(_tenant))], Guid.NewGuid()), CancellationToken.None)));
        var expected = 3 * 12 + 6;

        var reference = new FeedReader(_store, start, _tenant);
        await reference.ReadUntilAsync(expected, limit: 1000);
        Assert.Equal(expected, reference.Seen.Count);
        foreach (var limit in new[] { 1, 2, 3, 7, expected, expected + 1 })
        {
            var byTenant = new FeedReader(_store, FeedCursor.Start, _tenant);
            await byTenant.ReadUntilAsync(expected, limit);
            Assert.Equal(reference.Seen, byTenant.Seen);

            var all = new FeedReader(_store, start, keep: e => streams.Contains(e.StreamId));
            await all.ReadUntilAsync(expected, limit);
            Assert.Equal(reference.Seen, all.Seen);
        }

        Assert.All(streams, s => Assert.Equal(
            Enumerable.Range(1, 7), reference.Seen.Where(e => e.StreamId == s).Select(e => e.Version)));
        Assert.All(reference.Seen, e => Assert.Equal(_tenant, e.TenantId));
        Assert.Equal([12, 12, 12], reference.Seen.GroupBy(e => e.Cursor.TransactionId).Take(3).Select(g => g.Count()));
    }

    [Trait(FeedHolding.Trait, FeedHolding.TheFeed)]
    [Fact]
    public async Task an_event_of_a_later_transaction_is_held_back_while_an_earlier_one_is_open_and_both_come_once_in_order()
    {
        var (early, late) = ($"feed/{Guid.NewGuid():N}", $"feed/{Guid.NewGuid():N}");
        await using var held = await OpenAsync();
        await using var transaction = await held.BeginTransactionAsync();
        Assert.Equal(new[] { true }, await AppendAsync(held, transaction, new Append(early, 0, 2, _tenant)));
        Assert.Equal(new[] { true }, await AppendAsync(new Append(late, 0, 3, _tenant)));
        Assert.Equal(3L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", late));

        var page = await _store.ReadAsync(FeedCursor.Start, 100, _tenant);

        Assert.Empty(page.Events);
        Assert.Equal(FeedCursor.Start, page.Next);
        await transaction.CommitAsync();
        var reader = new FeedReader(_store, FeedCursor.Start, _tenant);
        await reader.ReadUntilAsync(5, limit: 2);
        Assert.Equal(
            [$"{early}:1", $"{early}:2", $"{late}:1", $"{late}:2", $"{late}:3"],
            reader.Seen.Select(e => $"{e.StreamId}:{e.Version}"));
    }

    [Trait(FeedHolding.Trait, FeedHolding.TheFeed)]
    [Theory]
    [InlineData("ABC")]
    [InlineData("ACB")]
    [InlineData("BAC")]
    [InlineData("BCA")]
    [InlineData("CAB")]
    [InlineData("CBA")]
    public async Task transactions_committed_in_any_order_reach_the_feed_once_each_in_the_order_they_began(string commitOrder)
    {
        var names = "ABC".ToCharArray();
        var streams = names.ToDictionary(n => n, _ => $"feed/{Guid.NewGuid():N}");
        var open = new Dictionary<char, (NpgsqlConnection Connection, NpgsqlTransaction Transaction)>();
        foreach (var name in names)
        {
            var connection = await OpenAsync();
            var transaction = await connection.BeginTransactionAsync();
            await AppendAsync(connection, transaction, new Append(streams[name], 0, 2, _tenant));
            open[name] = (connection, transaction);
        }

        var reader = new FeedReader(_store, FeedCursor.Start, _tenant);
        var committed = new HashSet<char>();
        try
        {
            foreach (var name in commitOrder)
            {
                await open[name].Transaction.CommitAsync();
                await open[name].Connection.DisposeAsync();
                committed.Add(name);
                var visible = names.TakeWhile(committed.Contains).ToArray();
                await reader.ReadUntilAsync(2 * visible.Length, limit: 1);
                Assert.Equal(
                    visible.SelectMany(n => new[] { $"{streams[n]}:1", $"{streams[n]}:2" }),
                    reader.Seen.Select(e => $"{e.StreamId}:{e.Version}"));
            }
        }
        finally
        {
            // A transaction left open would hold back the feed of every test on this server.
            foreach (var (connection, _) in open.Values)
                await connection.DisposeAsync();
        }
    }

    [Trait(FeedHolding.Trait, FeedHolding.TheFeed)]
    [Fact]
    public async Task a_reader_following_eight_busy_writers_sees_every_committed_event_exactly_once()
    {
        var committed = new List<(string, int)>();
        var stop = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var streams = Enumerable.Range(0, 3).Select(_ => $"feed/{Guid.NewGuid():N}").ToArray();
            var versions = new int[streams.Length];
            await using var connection = await OpenAsync();
            while (DateTime.UtcNow < stop)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await Task.Delay(random.Next(5));
                var chosen = Enumerable.Range(0, streams.Length).Where(_ => random.Next(2) == 0).DefaultIfEmpty(0).ToArray();
                var appends = chosen.Select(i => new Append(streams[i], versions[i], random.Next(1, 4), _tenant)).ToArray();
                Assert.All(await AppendAsync(connection, transaction, appends), Assert.True);
                await Task.Delay(random.Next(15));
                if (random.Next(10) == 0)
                {
                    await transaction.RollbackAsync();
                    continue;
                }

                await transaction.CommitAsync();
                foreach (var (i, append) in chosen.Zip(appends))
                {
                    versions[i] += append.Events;
                    lock (committed)
                        committed.AddRange(Enumerable.Range(append.Expected + 1, append.Events).Select(v => (append.Stream, v)));
                }
            }
        })).ToArray();
        var reader = new FeedReader(_store, FeedCursor.Start, _tenant);
        var random = new Random(42);
        while (!writers.All(w => w.IsCompleted))
        {
            await reader.ReadPageAsync(random.Next(1, 50));
            await Task.Delay(random.Next(10));
        }

        await Task.WhenAll(writers);
        await reader.ReadUntilAsync(committed.Count, limit: 50);

        Assert.True(committed.Count > 100, $"only {committed.Count} events were written");
        Assert.Equal(committed.Order(), reader.Seen.Select(e => (e.StreamId, e.Version)).Order());
    }

    [Fact]
    public async Task the_feed_of_one_tenant_holds_only_its_events_and_the_feed_of_all_holds_every_tenant()
    {
        var other = $"tenant-{Guid.NewGuid():N}";
        var (ours, theirs, nobodys) = ($"feed/{Guid.NewGuid():N}", $"feed/{Guid.NewGuid():N}", $"feed/{Guid.NewGuid():N}");
        var start = await EndOfFeedAsync();
        await AppendAsync(new Append(ours, 0, 2, _tenant), new Append(theirs, 0, 3, other), new Append(nobodys, 0, 1));

        var mine = new FeedReader(_store, FeedCursor.Start, _tenant);
        await mine.ReadUntilAsync(2, limit: 10);
        var all = new FeedReader(_store, start, keep: e => e.StreamId is var s && (s == ours || s == theirs || s == nobodys));
        await all.ReadUntilAsync(6, limit: 10);

        Assert.Equal([ours, ours], mine.Seen.Select(e => e.StreamId));
        Assert.Equal(
            new[] { (ours, _tenant), (ours, _tenant), (theirs, other), (theirs, other), (theirs, other), (nobodys, (string?)null) }.Order(),
            all.Seen.Select(e => (e.StreamId, e.TenantId)).Order());
        Assert.Equal("ItemAdded", mine.Seen[0].EventType);
        Assert.Equal($$"""{"item": "{{ours}}#1"}""", mine.Seen[0].Data);
    }

    private async Task<FeedCursor> EndOfFeedAsync()
    {
        var reader = new FeedReader(_store, FeedCursor.Start, keep: _ => false);
        await reader.ReadToEndAsync(10_000);
        return reader.Cursor;
    }
}
