using Orleans.Conversations.Grains.Events;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.State;
using Orleans.Conversations.Grains.Tests.Infrastructure;

namespace Orleans.Conversations.Grains.Tests;

/// <summary>A session's record of its older message ids: bounded, and backed by the store's index beyond its bound.</summary>
[Collection(ConversationClusterCollection.Name)]
public sealed class MessageDigestTests(ConversationClusterFixture fixture)
{
    [Fact]
    public void a_long_session_keeps_the_digests_of_its_newest_older_messages_only_and_sends_the_rest_to_the_store()
    {
        var state = new ConversationState();
        var at = DateTimeOffset.UtcNow;
        state.Apply(new SessionStarted(null, 20, null, null) { At = at });
        const int messages = 5_000;
        for (var i = 0; i < messages; i++)
            state.Apply(new UserMessageReceived($"message {i}", $"m-{i}") { At = at });

        Assert.Equal(ConversationState.MaxEarlierMessageDigests, state.EarlierMessageDigests!.Count);
        var newestOlder = messages - ConversationState.IdempotencyWindow - 1;
        Assert.Contains(MessageIdDigest.Of($"m-{newestOlder}"), state.EarlierMessageDigests);
        Assert.DoesNotContain(MessageIdDigest.Of("m-0"), state.EarlierMessageDigests);
        Assert.True(state.MayBeEarlierMessage("m-0"), "an id older than the digests kept must be looked up in the store");
        Assert.True(state.MayBeEarlierMessage($"m-{newestOlder}"));
    }

    [Fact]
    public void a_session_within_the_bound_still_knows_an_id_it_never_stored_without_asking_the_store()
    {
        var state = new ConversationState();
        var at = DateTimeOffset.UtcNow;
        state.Apply(new SessionStarted(null, 20, null, null) { At = at });
        for (var i = 0; i < 200; i++)
            state.Apply(new UserMessageReceived($"message {i}", $"m-{i}") { At = at });

        Assert.True(state.MayBeEarlierMessage("m-0"));
        Assert.False(state.MayBeEarlierMessage("never-sent"));
    }

    [Fact]
    public async Task a_retry_of_a_message_older_than_every_digest_kept_gets_its_stored_reply_and_stores_nothing()
    {
        var id = Guid.NewGuid();
        const int events = 2 * (ConversationState.MaxEarlierMessageDigests + ConversationState.IdempotencyWindow + 100) + 1;
        await TestDatabase.FillConversationAsync(id, events);
        var session = fixture.Grains.GetGrain<IConversationGrain>(id);

        var retried = await session.SendMessage(Caller.Local, new UserMessage("message 2", "m2"));
        var fresh = await session.SendMessage(Caller.Local, new UserMessage("something new", "brand-new"));

        Assert.Equal(new MessageReply(id, "m2", "reply 3", 3), retried);
        Assert.True(fresh.Version >= events + 2, $"the new message was stored after the old ones, at {fresh.Version}");
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE stream_id = $1 AND data->>'messageId' = 'm2'", TestDatabase.StreamOf(id)));
    }
}
