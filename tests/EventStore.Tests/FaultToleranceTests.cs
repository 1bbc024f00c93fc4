using Npgsql;
using Orleans.Conversations.EventStore.Tests.Infrastructure;

namespace Orleans.Conversations.EventStore.Tests;

public sealed class FaultToleranceTests
{
    [Fact]
    public async Task an_append_whose_acknowledgement_is_lost_is_recognised_by_its_batch_id_and_not_stored_twice()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        var grainId = AdaptorHarness.NewGrainId();
        FaultyAppender? appender = null;
        await using var writer = await AdaptorHarness.ActivateAsync(grainId, connectionString,
            inner => appender = new FaultyAppender(inner, failures: 1, afterCommit: true));

        Assert.Equal(2, await writer.AddAsync("x", "y"));
        Assert.Equal(3, await writer.AddAsync("z"));

        await ConcurrentWriterTests.AssertStreamAsync(grainId, "x", "y", "z");
        Assert.Equal(["x", "y", "z"], writer.Adaptor.ConfirmedView.Items);
        Assert.Equal(2, appender!.Attempts);
        Assert.Single(writer.Issues);
        Assert.Equal(1, writer.ResolvedIssues);
    }

    [Fact]
    public async Task an_append_lost_before_it_reached_the_server_is_retried_and_stored_once()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        var grainId = AdaptorHarness.NewGrainId();
        FaultyAppender? appender = null;
        await using var writer = await AdaptorHarness.ActivateAsync(grainId, connectionString,
            inner => appender = new FaultyAppender(inner, failures: 3, afterCommit: false));

        Assert.Equal(1, await writer.AddAsync("only"));

        await ConcurrentWriterTests.AssertStreamAsync(grainId, "only");
        Assert.Equal(4, appender!.Attempts);
        Assert.Equal(3, writer.Issues.Count);
        Assert.IsType<EventStoreUnavailable>(writer.Issues[0]);
    }

    [Fact]
    public async Task the_delay_between_append_attempts_grows_while_appends_fail_and_reads_succeed()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        var grainId = AdaptorHarness.NewGrainId();
        await using var writer = await AdaptorHarness.ActivateAsync(grainId, connectionString,
            inner => new FaultyAppender(inner, failures: 5, afterCommit: false));

        Assert.Equal(1, await writer.AddAsync("eventually"));

        var failures = writer.Issues.OfType<EventStoreUnavailable>().Where(i => i.Operation == "append").ToList();
        Assert.Equal([1, 2, 3, 4, 5], failures.Select(i => i.NumberOfConsecutiveFailures));
        var delays = failures.Select(i => i.RetryDelay).ToList();
        Assert.True(delays[0] < TimeSpan.FromMilliseconds(150) && delays[^1] >= TimeSpan.FromMilliseconds(200),
            $"the delay grows from the first to the cap (200 ms here): {string.Join(", ", delays)}");
        Assert.Equal(1, writer.ResolvedIssues);
    }

    [Fact]
    public async Task conditional_events_the_database_refuses_for_their_data_are_dropped_after_one_attempt_and_reported()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        var grainId = AdaptorHarness.NewGrainId();
        FaultyAppender? appender = null;
        await using var writer = await AdaptorHarness.ActivateAsync(grainId, connectionString,
            inner => appender = new FaultyAppender(inner, failures: 0, afterCommit: false));

        var stored = await writer.Adaptor.TryAppend(new Journal.ItemAdded("nul \u0000 here"));

        Assert.False(stored);
        Assert.Equal(1, appender!.Attempts);
        Assert.Equal("22P05", Assert.IsType<EventsRefused>(Assert.Single(writer.Issues)).SqlState);
        Assert.Equal(2, await writer.AddAsync("a", "b"));
        await ConcurrentWriterTests.AssertStreamAsync(grainId, "a", "b");
    }

    [Fact]
    public async Task writes_ride_out_the_database_going_away_and_nothing_acknowledged_is_lost()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        await using var proxy = new TcpFaultProxy(target.Host!, target.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3, Pooling = true }.ConnectionString;
        var grainId = AdaptorHarness.NewGrainId();
        await using var writer = await AdaptorHarness.ActivateAsync(grainId, throughProxy);

        var acknowledged = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            await writer.AddAsync($"before {i}");
            acknowledged.Add($"before {i}");
        }

        proxy.Cut();
        var duringOutage = writer.AddAsync("during");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(duringOutage.IsCompleted, "an append cannot be confirmed while the database is unreachable");
        Assert.NotEmpty(writer.Issues);

        proxy.Restore();
        await duringOutage.WaitAsync(TimeSpan.FromSeconds(30));
        acknowledged.Add("during");
        for (var i = 0; i < 3; i++)
        {
            await writer.AddAsync($"after {i}");
            acknowledged.Add($"after {i}");
        }

        await ConcurrentWriterTests.AssertStreamAsync(grainId, [.. acknowledged]);
        Assert.True(writer.ResolvedIssues > 0, "the adaptor reports that the connection issue was resolved");
    }
}
