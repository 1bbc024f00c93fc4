using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Interfaces.Memory;
using Orleans.Conversations.Grains.Tests.Infrastructure;

namespace Orleans.Conversations.Grains.Tests.Memory;

/// <summary>The memory grain on its own: learning once per (session, version), a later learning winning, the bound, privacy.</summary>
[Collection(ConversationClusterCollection.Name)]
public sealed class UserMemoryGrainTests(ConversationClusterFixture fixture)
{
    private static Caller NewUser() => new("memory-grain", $"user-{Guid.NewGuid():N}", IsAdmin: false);

    private IUserMemoryGrain MemoryOf(Caller caller) => fixture.Grains.GetGrain<IUserMemoryGrain>(UserMemoryKey.Of(caller));

    private static SessionLearning Remembered(Guid session, int version, string key, string value) =>
        new(session, version, DateTimeOffset.UtcNow, LearningKind.Remembered, key, value);

    private static Task<long> EventsOfAsync(Caller caller) =>
        TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", "usermemory/" + UserMemoryKey.Of(caller));

    [Fact]
    public async Task the_same_learning_delivered_twice_is_applied_once()
    {
        var user = NewUser();
        var memory = MemoryOf(user);
        var session = Guid.NewGuid();
        var learnings = new[] { Remembered(session, 3, "likes", "tea"), Remembered(session, 5, "likes", "chess") };

        await memory.Learn(user, learnings);
        var events = await EventsOfAsync(user);
        await memory.Learn(user, learnings);
        await memory.Learn(user, [learnings[0]]);

        Assert.Equal(events, await EventsOfAsync(user));
        var view = await memory.Read(user);
        Assert.Equal(["chess", "tea"], view.Items.Select(i => i.Value));
        Assert.Equal(new MemorySource(session, 5), view.Items[0].Source);
        Assert.Equal(5, (await memory.ForSession(user, session))!.AppliedVersion);
    }

    [Fact]
    public async Task an_earlier_learning_delivered_again_after_a_later_one_of_another_session_does_not_win()
    {
        var user = NewUser();
        var memory = MemoryOf(user);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await memory.Learn(user, [Remembered(a, 3, "name", "Ada")]);
        // Known already: changes nothing but is recorded, so that its redelivery below is recognised.
        await memory.Learn(user, [Remembered(a, 7, "name", "Ada")]);
        await memory.Learn(user, [Remembered(b, 3, "name", "Grace")]);

        await memory.Learn(user, [Remembered(a, 3, "name", "Ada"), Remembered(a, 7, "name", "Ada"), Remembered(b, 3, "name", "Grace")]);

        var item = Assert.Single((await memory.Read(user)).Items);
        Assert.Equal("Grace", item.Value);
        Assert.Equal("Grace", (await memory.ForSession(user, a))!.Context.Name);
        Assert.Equal(7, (await memory.ForSession(user, a))!.AppliedVersion);
    }

    [Fact]
    public async Task a_full_memory_forgets_the_item_learned_longest_ago()
    {
        var user = NewUser();
        var memory = MemoryOf(user);
        var session = Guid.NewGuid();
        await memory.Learn(user, [.. Enumerable.Range(1, 200).Select(i => Remembered(session, i, "facts", $"fact {i}"))]);
        Assert.Equal(200, (await memory.Read(user)).Items.Count);

        await memory.Learn(user, [Remembered(session, 201, "facts", "fact 201")]);

        var items = (await memory.Read(user)).Items;
        Assert.Equal(200, items.Count);
        Assert.Equal("fact 201", items[0].Value);
        Assert.Equal("fact 2", items[^1].Value);
        Assert.DoesNotContain(items, i => i.Value == "fact 1");
    }

    [Fact]
    public async Task a_forgotten_key_or_item_goes_and_a_forgotten_session_teaches_nothing_more()
    {
        var user = NewUser();
        var memory = MemoryOf(user);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await memory.Learn(user, [Remembered(a, 3, "likes", "tea"), Remembered(a, 4, "likes", "Chess"), Remembered(b, 3, "location", "Oslo")]);
        await memory.Learn(user, [new SessionLearning(a, 6, DateTimeOffset.UtcNow, LearningKind.ItemForgotten, "likes", "chess")]);
        Assert.Equal(["Oslo", "tea"], (await memory.Read(user)).Items.Select(i => i.Value));

        Assert.Equal(1, await memory.ForgetSession(user, a));
        await memory.Learn(user, [Remembered(a, 9, "name", "Ada")]);
        Assert.Equal(["Oslo"], (await memory.Read(user)).Items.Select(i => i.Value));

        await memory.Learn(user, [new SessionLearning(b, 5, DateTimeOffset.UtcNow, LearningKind.Forgotten, "location", null)]);
        Assert.Empty((await memory.Read(user)).Items);
    }

    [Fact]
    public async Task nobody_but_its_user_reads_or_changes_a_memory()
    {
        var user = NewUser();
        var memory = MemoryOf(user);
        var item = await memory.Add(user, new MemoryEntry("name", "Ada"));
        foreach (var stranger in new[] { user with { IsAdmin = true, UserId = "root" }, user with { Tenant = "elsewhere" }, Caller.Local })
        {
            Assert.Empty((await memory.Read(stranger)).Items);
            Assert.Null(await memory.ForSession(stranger, Guid.NewGuid()));
            Assert.Null(await memory.Correct(stranger, item.Id, "Mallory"));
            Assert.False(await memory.Forget(stranger, item.Id));
            await memory.ForgetAll(stranger);
            Assert.Equal(0, await memory.ForgetSession(stranger, Guid.NewGuid()));
            await memory.Learn(stranger, [Remembered(Guid.NewGuid(), 3, "name", "Mallory")]);
        }

        Assert.Equal("Ada", Assert.Single((await memory.Read(user)).Items).Value);
    }
}
