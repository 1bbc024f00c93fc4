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
        await idle.SendMessage(Caller.Local, new UserMessage("I will go quiet"));
        await active.SendMessage(Caller.Local, new UserMessage("I keep talking"));

        var clock = Stopwatch.StartNew();
        while (await idle.GetSession(Caller.Local) is not null)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the idle session was never deleted");
            await active.SendMessage(Caller.Local, new UserMessage("still here"));
            await Task.Delay(250);
        }

        Assert.NotNull(await active.GetSession(Caller.Local));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", StreamOf(idle)));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM session_list.sessions WHERE session_id = $1", idle.GetPrimaryKey()));
        Assert.True(await CountAsync("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", StreamOf(active)) > 3);
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
