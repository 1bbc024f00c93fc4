using Orleans.Conversations.EventStore.Tests.Infrastructure;
using Orleans.Conversations.EventStore.Tests.Journal;

namespace Orleans.Conversations.EventStore.Tests;

[Collection(JournalClusterCollection.Name)]
public sealed class JournalGrainTests(JournalClusterFixture fixture)
{
    private IJournalGrain NewGrain(out Guid id)
    {
        id = Guid.NewGuid();
        return fixture.Cluster.GrainFactory.GetGrain<IJournalGrain>(id);
    }

    private static string StreamOf(Guid id) => $"journal/{id:N}";

    [Fact]
    public async Task appended_events_are_stored_one_row_each_as_readable_jsonb()
    {
        var grain = NewGrain(out var id);

        Assert.Equal(2, await grain.Add("tea", "Zoë"));
        Assert.Equal(3, await grain.Add("chess"));

        var rows = await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE stream_id = $1", StreamOf(id));
        Assert.Equal(3, rows);
        var second = await TestDatabase.ScalarAsync<string>(
            "SELECT event_type || ' ' || (data->>'item') FROM eventstore.events WHERE stream_id = $1 AND version = 2", StreamOf(id));
        Assert.Equal("ItemAdded Zoë", second);
        var batches = await TestDatabase.ScalarAsync<long>(
            "SELECT count(DISTINCT batch_id) FROM eventstore.events WHERE stream_id = $1", StreamOf(id));
        Assert.Equal(2, batches);
    }

    [Fact]
    public async Task a_reactivated_grain_has_the_same_state_and_version()
    {
        var grain = NewGrain(out _);
        for (var i = 0; i < 7; i++)
            await grain.Add($"item {i}");
        var before = await grain.GetState();

        await grain.Deactivate();
        await Task.Delay(200);

        Assert.Equal(7, await grain.GetVersion());
        Assert.Equal(before.Items, (await grain.GetState()).Items);
    }

    [Fact]
    public async Task snapshot_plus_tail_gives_the_same_state_as_a_full_replay()
    {
        var grain = NewGrain(out var id);
        for (var i = 0; i < 25; i++)
            await grain.Add($"item {i}");

        var snapshots = await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.snapshots WHERE stream_id = $1", StreamOf(id));
        Assert.Equal(2, snapshots);

        await grain.Deactivate();
        await Task.Delay(200);
        var fromSnapshot = await grain.GetState();

        var fullReplay = new JournalState();
        foreach (var @event in await grain.GetEvents(0, 25))
            fullReplay.Apply(@event);

        Assert.Equal(fullReplay.Items, fromSnapshot.Items);
        Assert.Equal(25, fromSnapshot.Applied);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"item {i}"), fromSnapshot.Items);
    }

    [Fact]
    public async Task snapshots_within_eight_intervals_of_the_newest_are_all_kept_and_older_ones_thin_out()
    {
        var grain = NewGrain(out var id);
        for (var i = 0; i < 55; i++)
            await grain.Add($"item {i}");

        // Older ones are kept log-spaced (OldVersionReadTests); these are all young enough to stay.
        Assert.Equal("10,20,30,40,50", await TestDatabase.ScalarAsync<string>(
            "SELECT string_agg(version::text, ',' ORDER BY version) FROM eventstore.snapshots WHERE stream_id = $1", StreamOf(id)));
    }

    [Fact]
    public async Task activation_reads_only_the_events_after_the_latest_snapshot()
    {
        var grain = NewGrain(out var id);
        for (var i = 0; i < 12; i++)
            await grain.Add($"item {i}");

        // A snapshot that differs from the events proves activation started from it rather than replaying everything.
        await TestDatabase.ScalarAsync<int>(
            "UPDATE eventstore.snapshots SET state = jsonb_set(state, '{items,0}', '\"from snapshot\"') WHERE stream_id = $1 AND version = 10 RETURNING version",
            StreamOf(id));
        await grain.Deactivate();
        await Task.Delay(200);

        var state = await grain.GetState();
        Assert.Equal("from snapshot", state.Items[0]);
        Assert.Equal("item 11", state.Items[^1]);
        Assert.Equal(12, await grain.GetVersion());
    }

    [Fact]
    public async Task confirmed_event_ranges_are_served_from_the_table()
    {
        var grain = NewGrain(out _);
        await grain.Add([.. Enumerable.Range(1, 15).Select(i => $"e{i}")]);

        var range = await grain.GetEvents(4, 9);

        Assert.Equal(["e5", "e6", "e7", "e8", "e9"], range.Cast<ItemAdded>().Select(e => e.Item));
        Assert.Empty(await grain.GetEvents(15, 15));
    }

    [Fact]
    public async Task clearing_the_log_deletes_the_stream_and_starts_again_from_version_zero()
    {
        var grain = NewGrain(out var id);
        await grain.Add([.. Enumerable.Range(1, 12).Select(i => $"e{i}")]);

        await grain.Clear();

        Assert.Equal(0, await grain.GetVersion());
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM eventstore.events WHERE stream_id = $1) + (SELECT count(*) FROM eventstore.snapshots WHERE stream_id = $1)",
            StreamOf(id)));
        Assert.Equal(1, await grain.Add("again"));
    }
}
