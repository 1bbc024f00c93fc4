using Orleans.Conversations.EventStore.Tests.Infrastructure;

namespace Orleans.Conversations.EventStore.Tests;

public sealed class ConcurrentWriterTests
{
    [Fact]
    public async Task a_second_writer_on_the_same_stream_rereads_and_appends_after_the_first_without_forking()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        var grainId = AdaptorHarness.NewGrainId();
        await using var first = await AdaptorHarness.ActivateAsync(grainId, connectionString);
        await using var second = await AdaptorHarness.ActivateAsync(grainId, connectionString);

        Assert.Equal(1, await first.AddAsync("a1"));
        Assert.Equal(2, await first.AddAsync("a2"));
        // The second writer still believes the stream is empty: its append at version 1 must lose and be retried after.
        Assert.Equal(3, await second.AddAsync("b1"));
        Assert.Equal(4, await first.AddAsync("a3"));

        Assert.Equal(["a1", "a2", "b1"], second.Adaptor.ConfirmedView.Items);
        Assert.Equal(["a1", "a2", "b1", "a3"], first.Adaptor.ConfirmedView.Items);
        await AssertStreamAsync(grainId, "a1", "a2", "b1", "a3");
    }

    [Fact]
    public async Task many_racing_writers_on_one_stream_keep_one_contiguous_history_with_every_event_once()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        var grainId = AdaptorHarness.NewGrainId();
        var writers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => AdaptorHarness.ActivateAsync(grainId, connectionString)));
        try
        {
            await Task.WhenAll(writers.Select((writer, w) => Task.Run(async () =>
            {
                for (var i = 0; i < 10; i++)
                    await writer.AddAsync($"w{w}-{i}");
            })));
        }
        finally
        {
            foreach (var writer in writers)
                await writer.DisposeAsync();
        }

        var stream = PostgresEventStore.StreamIdOf(grainId);
        Assert.Equal(40L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", stream));
        Assert.Equal(40L, await TestDatabase.ScalarAsync<long>("SELECT count(DISTINCT data->>'item') FROM eventstore.events WHERE stream_id = $1", stream));
        Assert.Equal(40, await TestDatabase.ScalarAsync<int>("SELECT max(version) FROM eventstore.events WHERE stream_id = $1", stream));
    }

    internal static async Task AssertStreamAsync(Orleans.Runtime.GrainId grainId, params string[] items)
    {
        var stream = PostgresEventStore.StreamIdOf(grainId);
        var stored = await TestDatabase.ScalarAsync<string>(
            "SELECT coalesce(string_agg(version || ':' || (data->>'item'), ',' ORDER BY version), '') FROM eventstore.events WHERE stream_id = $1", stream);
        Assert.Equal(string.Join(',', items.Select((item, i) => $"{i + 1}:{item}")), stored);
    }
}
