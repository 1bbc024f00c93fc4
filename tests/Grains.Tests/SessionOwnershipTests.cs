using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Tests.Infrastructure;

namespace Orleans.Conversations.Grains.Tests;

[Collection(ConversationClusterCollection.Name)]
public sealed class SessionOwnershipTests(ConversationClusterFixture fixture)
{
    private static readonly Caller Alice = new("acme", "alice", false);
    private static readonly Caller Bob = new("acme", "bob", false);
    private static readonly Caller AcmeAdmin = new("acme", "root", true);
    private static readonly Caller OtherTenantAlice = new("globex", "alice", true);

    private IConversationGrain NewSession(out Guid id)
    {
        id = Guid.NewGuid();
        return fixture.Grains.GetGrain<IConversationGrain>(id);
    }

    [Fact]
    public async Task the_first_event_records_the_tenant_and_user_that_started_the_session()
    {
        var session = NewSession(out var id);

        await session.SendMessage(Alice, new UserMessage("hello", Guid.NewGuid().ToString()));

        Assert.Equal("acme/alice", await TestDatabase.ScalarAsync<string>(
            "SELECT (data->>'tenant') || '/' || (data->>'owner') FROM eventstore.events WHERE stream_id = $1 AND version = 1",
            TestDatabase.StreamOf(id)));
    }

    [Fact]
    public async Task only_the_owner_and_admins_of_its_tenant_read_a_session()
    {
        var session = NewSession(out _);
        await session.SendMessage(Alice, new UserMessage("my name is Alice", Guid.NewGuid().ToString()));

        Assert.NotNull(await session.GetSession(Alice));
        Assert.NotNull(await session.GetSession(AcmeAdmin));
        Assert.NotNull(await session.GetEvents(AcmeAdmin, 1, 10));
        foreach (var stranger in (Caller[])[Bob, OtherTenantAlice, Caller.Local])
        {
            Assert.Null(await session.GetSession(stranger));
            Assert.Null(await session.GetEvents(stranger, 1, 10));
            Assert.Null(await session.GetStateAt(stranger, 1));
        }
    }

    [Fact]
    public async Task nobody_but_the_owner_writes_to_a_session_and_a_refused_write_appends_nothing()
    {
        var session = NewSession(out var id);
        await session.Start(Alice, null);
        await session.SendMessage(Alice, new UserMessage("I like tea", "m1"));
        var before = await TestDatabase.EventTypesAsync(id);

        foreach (var stranger in (Caller[])[Bob, AcmeAdmin, OtherTenantAlice])
        {
            await Assert.ThrowsAsync<SessionNotFoundException>(() => session.SendMessage(stranger, new UserMessage("I like coffee", Guid.NewGuid().ToString())));
            await Assert.ThrowsAsync<SessionNotFoundException>(() => session.Start(stranger, null));
        }

        Assert.Equal(before, await TestDatabase.EventTypesAsync(id));
        Assert.Equal(["tea"], (await session.GetSession(Alice))!.Context.Likes);
    }

    [Fact]
    public async Task a_stranger_replaying_the_owners_message_id_gets_no_reply()
    {
        var session = NewSession(out _);
        await session.SendMessage(Alice, new UserMessage("my secret is 42", "secret-1"));

        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.SendMessage(Bob, new UserMessage("anything", "secret-1")));
    }

    [Fact]
    public async Task sessions_stored_before_owners_existed_belong_to_the_local_user_of_the_default_tenant()
    {
        var session = NewSession(out var id);
        var stream = TestDatabase.StreamOf(id);
        await TestDatabase.ScalarAsync<int>(
            """
            INSERT INTO eventstore.events (stream_id, version, event_type, data, batch_id)
            VALUES ($1, 1, 'SessionStarted', jsonb_build_object('userId', 'old', 'recentTurnLimit', 20, 'at', now()), gen_random_uuid())
            RETURNING 0
            """, stream);

        Assert.NotNull(await session.GetSession(Caller.Local));
        Assert.NotNull(await session.GetSession(new Caller(Caller.DefaultTenant, "someone", true)));
        Assert.Null(await session.GetSession(new Caller(Caller.DefaultTenant, "someone", false)));
        await session.SendMessage(Caller.Local, new UserMessage("still mine", Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task a_snapshot_stored_before_owners_existed_reads_as_the_local_users()
    {
        var session = NewSession(out var id);
        var stream = TestDatabase.StreamOf(id);
        await TestDatabase.FillConversationAsync(id, 201);
        Assert.NotNull(await session.GetSession(Caller.Local));
        await TestDatabase.ScalarAsync<int>(
            """
            UPDATE eventstore.snapshots SET state = jsonb_set(state - 'ownerTenant' - 'ownerUserId', '{userId}', '"from-the-snapshot"')
            WHERE stream_id = $1 AND state ? 'ownerTenant' RETURNING 0
            """, stream);
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal("from-the-snapshot", (await session.GetSession(Caller.Local))!.UserId);
        Assert.Null(await session.GetSession(Bob));
    }
}
