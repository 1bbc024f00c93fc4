using Npgsql;
using NpgsqlTypes;

namespace Orleans.Conversations.EventStore.Tests;

/// <summary>The batch append function itself, called as the batching appender calls it.</summary>
public sealed class AppendToStreamsTests
{
    [Fact]
    public async Task a_partial_retry_never_deletes_rows_that_an_earlier_attempt_with_the_same_batch_id_committed()
    {
        var retried = $"sql/{Guid.NewGuid():N}";
        var other = $"sql/{Guid.NewGuid():N}";
        var batchId = Guid.NewGuid();
        // The first attempt at version 0 wrote two events; its acknowledgement was lost.
        Assert.Equal(new[] { true }, await AppendAsync([(retried, 0, batchId, ["first-1", "first-2"])]));

        // The retry at the same version, with the same batch id, carries the two events and two raised since.
        var outcomes = await AppendAsync([(retried, 0, batchId, ["first-1", "first-2", "later-3", "later-4"]), (other, 0, Guid.NewGuid(), ["x"])]);

        Assert.Equal([false, true], outcomes);
        Assert.Equal("1:first-1,2:first-2", await TestDatabase.ScalarAsync<string>(
            "SELECT string_agg(version || ':' || (data->>'item'), ',' ORDER BY version) FROM eventstore.events WHERE stream_id = $1", retried));
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", other));
    }

    [Fact]
    public async Task a_stream_that_got_only_some_of_its_rows_in_keeps_none_of_them_and_the_others_keep_theirs()
    {
        var contested = $"sql/{Guid.NewGuid():N}";
        var free = $"sql/{Guid.NewGuid():N}";
        Assert.Equal(new[] { true }, await AppendAsync([(contested, 1, Guid.NewGuid(), ["someone-else-2"])]));

        var outcomes = await AppendAsync([(contested, 0, Guid.NewGuid(), ["mine-1", "mine-2", "mine-3"]), (free, 0, Guid.NewGuid(), ["a", "b"])]);

        Assert.Equal([false, true], outcomes);
        Assert.Equal("2:someone-else-2", await TestDatabase.ScalarAsync<string>(
            "SELECT string_agg(version || ':' || (data->>'item'), ',' ORDER BY version) FROM eventstore.events WHERE stream_id = $1", contested));
        Assert.Equal(2L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", free));
    }

    [Fact]
    public async Task a_batch_without_conflicts_stores_each_streams_events_at_its_versions_in_order()
    {
        var first = $"sql/{Guid.NewGuid():N}";
        var second = $"sql/{Guid.NewGuid():N}";
        var third = $"sql/{Guid.NewGuid():N}";
        Assert.Equal(new[] { true }, await AppendAsync([(second, 0, Guid.NewGuid(), ["b-1"])]));

        var outcomes = await AppendAsync([(first, 0, Guid.NewGuid(), ["a-1", "a-2", "a-3"]), (second, 1, Guid.NewGuid(), ["b-2"]), (third, 0, Guid.NewGuid(), ["c-1", "c-2"])]);

        Assert.Equal([true, true, true], outcomes);
        foreach (var (stream, expected) in new[] { (first, "1:a-1,2:a-2,3:a-3"), (second, "1:b-1,2:b-2"), (third, "1:c-1,2:c-2") })
        {
            Assert.Equal(expected, await TestDatabase.ScalarAsync<string>(
                "SELECT string_agg(version || ':' || (data->>'item'), ',' ORDER BY version) FROM eventstore.events WHERE stream_id = $1", stream));
        }
    }

    private static async Task<bool[]> AppendAsync(IReadOnlyList<(string Stream, int Expected, Guid BatchId, string[] Items)> appends)
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.GetConnectionStringAsync());
        await using var command = dataSource.CreateCommand("SELECT eventstore.append_to_streams($1, $2, $3, $4, $5, $6, $7)");
        var items = appends.SelectMany(a => a.Items).ToArray();
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. appends.Select(a => a.Stream)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. appends.Select(a => a.Expected)] });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. appends.Select(a => a.BatchId)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. appends.Select(a => a.Items.Length)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. items.Select(_ => "ItemAdded")] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. items.Select(i => $$"""{"item":"{{i}}"}""")], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. items.Select(_ => "{}")], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        return (bool[])(await command.ExecuteScalarAsync())!;
    }
}
