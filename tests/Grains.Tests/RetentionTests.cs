using System.Diagnostics;
using Npgsql;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Tests.Infrastructure;

namespace Orleans.Conversations.Grains.Tests;

/// <summary>A cluster of its own, on a database of its own, that deletes sessions idle for six seconds.</summary>
public sealed class RetentionClusterFixture : ConversationClusterFixture
{
    private ScratchDatabase _database = null!;

    public string ConnectionString => _database.ConnectionString;

    protected override async Task<string> ConnectionStringAsync()
    {
        _database = await TestDatabase.CreateScratchDatabaseAsync();
        return _database.ConnectionString;
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Retention:DeleteIdleAfter"] = "00:00:06";
        settings["Retention:CheckInterval"] = "00:00:00.250";
        // Passes run however far the list trails, so that the sessions' own check of their idleness is what is tested.
        settings["Retention:MaxProjectionLag"] = "1.00:00:00";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public sealed class RetentionTests(RetentionClusterFixture fixture) : IClassFixture<RetentionClusterFixture>
{
    [Fact]
    public async Task sessions_idle_past_the_retention_are_deleted_on_their_own_and_active_ones_stay()
    {
        var idle = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        var active = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        await idle.SendMessage(Caller.Local, new UserMessage("I will go quiet", Guid.NewGuid().ToString()));
        await active.SendMessage(Caller.Local, new UserMessage("I keep talking", Guid.NewGuid().ToString()));

        var clock = Stopwatch.StartNew();
        while (await idle.GetSession(Caller.Local) is not null)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the idle session was never deleted");
            await active.SendMessage(Caller.Local, new UserMessage("still here", Guid.NewGuid().ToString()));
            await Task.Delay(250);
        }

        Assert.NotNull(await active.GetSession(Caller.Local));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", StreamOf(idle)));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM session_list.sessions WHERE session_id = $1", idle.GetPrimaryKey()));
        Assert.True(await CountAsync("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", StreamOf(active)) > 3);
    }

    [Trait(FeedHolding.Trait, FeedHolding.TheFeed)]
    [Fact]
    public async Task a_session_in_use_is_never_deleted_while_a_long_transaction_holds_the_session_list_back()
    {
        var session = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        await session.SendMessage(Caller.Local, new UserMessage("hello", Guid.NewGuid().ToString()));
        await WaitListedAsync(session);
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var held = await dataSource.OpenConnectionAsync();
        await using var transaction = await held.BeginTransactionAsync();
        await using (var xid = new NpgsqlCommand("SELECT pg_current_xact_id()", held, transaction))
            await xid.ExecuteScalarAsync();

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(12))
        {
            await session.SendMessage(Caller.Local, new UserMessage($"still here after {clock.Elapsed.TotalSeconds:0} s", Guid.NewGuid().ToString()));
            await Task.Delay(1000);
            Assert.NotNull(await session.GetSession(Caller.Local));
        }

        await transaction.RollbackAsync();
        Assert.True(await CountAsync("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", StreamOf(session)) > 20);
    }

    private async Task WaitListedAsync(IConversationGrain session)
    {
        var clock = Stopwatch.StartNew();
        while (await CountAsync("SELECT count(*) FROM session_list.sessions WHERE session_id = $1", session.GetPrimaryKey()) == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the session never reached the list");
            await Task.Delay(50);
        }
    }

    private static string StreamOf(IConversationGrain grain) => TestDatabase.StreamOf(grain.GetPrimaryKey());

    private async Task<long> CountAsync(string sql, object parameter)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
