using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Tests.Infrastructure;

namespace Orleans.Conversations.Grains.Tests;

/// <summary>
/// A message that reaches an activation late, after another writer (another silo, during a partition) stored it
/// and many more: it must be answered from the store, not stored a second time.
/// </summary>
[Collection(ConversationClusterCollection.Name)]
public sealed class LateMessageTests(ConversationClusterFixture fixture)
{
    [Fact]
    public async Task a_message_another_writer_stored_beyond_the_idempotency_window_is_answered_from_the_store_and_not_stored_again()
    {
        var id = Guid.NewGuid();
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);
        await TestDatabase.FillConversationAsync(id, 3);
        Assert.Equal(3, (await session.GetSession(Caller.Local))!.Version);
        // Another writer: message m4 and its reply, then 40 more turns, more than the window remembers.
        await TestDatabase.FillConversationAsync(id, 85, fromVersion: 4);

        var reply = await session.SendMessage(Caller.Local, new UserMessage("message 4", "m4"));

        Assert.Equal("reply 5", reply.Reply);
        Assert.Equal(5, reply.Version);
        Assert.Equal(85L, await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id)));
    }
}
