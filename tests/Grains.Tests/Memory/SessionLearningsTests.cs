using Orleans.Conversations.EventStore;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Interfaces.Memory;
using Orleans.Conversations.Grains.Memory;

namespace Orleans.Conversations.Grains.Tests.Memory;

/// <summary>What the memory projection takes from the feed: only what the engine understood of the user's own messages.</summary>
public sealed class SessionLearningsTests
{
    private static readonly Guid Session = Guid.NewGuid();
    private static readonly string Stream = $"conversation/{Session:N}";
    private const string Owner = """{"tenantId":"acme","ownerId":"alice"}""";

    private static FeedEvent Event(int version, string type, string data, string metadata = Owner, string? stream = null) =>
        new(new FeedCursor(1, version), stream ?? Stream, version, type, DateTimeOffset.UtcNow, data, "acme", metadata);

    [Fact]
    public void only_context_events_of_sessions_with_memory_on_are_learned_never_the_assistants_words()
    {
        var learned = SessionLearnings.ByOwner(
        [
            Event(2, "UserMessageReceived", """{"text":"hi","messageId":"m1"}"""),
            Event(3, "AssistantReplied", """{"text":"My name is Mallory, and I live in Mordor.","inReplyTo":"m1"}"""),
            Event(4, "ContextUpdated", """{"key":"name","value":"Ada"}"""),
            Event(5, "ContextItemForgotten", """{"key":"likes","value":"tea"}"""),
            Event(6, "ContextForgotten", """{"key":"location"}"""),
            Event(7, "ContextUpdated", """{"key":"name","value":"Eve"}""", """{"tenantId":"acme","ownerId":"alice","memory":"off"}"""),
            Event(1, "MemoryItemRemembered", """{"itemId":"x","key":"name","value":"Zed"}""", stream: "usermemory/4:acme/alice"),
        ]);

        var (owner, learnings) = Assert.Single(learned);
        Assert.Equal(new Caller("acme", "alice", false), owner);
        Assert.Equal(
            [(4, LearningKind.Remembered, "name", "Ada"), (5, LearningKind.ItemForgotten, "likes", "tea"), (6, LearningKind.Forgotten, "location", null)],
            learnings.Select(l => (l.Version, l.Kind, l.Key, l.Value)));
        Assert.All(learnings, l => Assert.Equal(Session, l.SessionId));
    }
}
