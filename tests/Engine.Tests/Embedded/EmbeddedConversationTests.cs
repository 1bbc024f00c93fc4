using Orleans.Conversations.Engine;
using Orleans.Conversations.Engine.Embedded;
using Xunit;

namespace Orleans.Conversations.Engine.Tests.Embedded;

/// <summary>
/// Whole conversations through the embedded engine, the way the session grain drives it: understand the message,
/// apply its changes to the context, then reply with the recent turns, the first message and the message count.
/// </summary>
public sealed class EmbeddedConversationTests
{
    private const StringComparison Exact = StringComparison.Ordinal;

    [Fact]
    public async Task likes_accumulate_in_order_and_are_all_recalled()
    {
        var conversation = new Conversation();

        await conversation.SendAsync("I like tea");
        await conversation.SendAsync("I love chess.");
        await conversation.SendAsync("I enjoy long walks!");
        var reply = await conversation.SendAsync("what do I like?");

        Assert.Equal(["tea", "chess", "long walks"], conversation.Context.Likes);
        Assert.All(["tea", "chess", "long walks"], like => Assert.Contains(like, reply, Exact));
    }

    [Fact]
    public async Task memory_question_recalls_every_remembered_item()
    {
        var conversation = new Conversation();
        await conversation.SendAsync("Hi, my name is Ada");
        await conversation.SendAsync("I'm from São Paulo");
        await conversation.SendAsync("I love chess");
        await conversation.SendAsync("my favourite colour is green");
        await conversation.SendAsync("remember that my sister is called Eve");
        await conversation.SendAsync("please remember I park on level 2");

        var reply = await conversation.SendAsync("What do you know about me?");

        string[] remembered = ["Ada", "São Paulo", "chess", "green", "my sister is called Eve", "I park on level 2"];
        Assert.All(remembered, item => Assert.Contains(item, reply, Exact));
    }

    [Fact]
    public async Task an_oxford_comma_list_of_favorites_is_recalled_whole()
    {
        var conversation = new Conversation();

        await conversation.SendAsync("my favorite foods are pizza, sushi, and tacos");
        var reply = await conversation.SendAsync("what are my favorite foods?");

        Assert.All(["pizza", "sushi", "tacos"], food => Assert.Contains(food, reply, Exact));
    }

    [Fact]
    public async Task memory_question_keeps_the_users_spelling_of_favourite()
    {
        var conversation = new Conversation();
        await conversation.SendAsync("my favourite colour is green");
        await conversation.SendAsync("my favorite food is pizza");

        var reply = await conversation.SendAsync("what do you remember?");

        Assert.Contains("your favourite colour is green", reply, Exact);
        Assert.Contains("your favorite food is pizza", reply, Exact);
    }

    [Fact]
    public async Task forgetting_one_thing_keeps_the_others()
    {
        var conversation = new Conversation();
        await conversation.SendAsync("My name is Ada and I live in London.");

        await conversation.SendAsync("forget where I live");
        var reply = await conversation.SendAsync("what do you remember?");

        Assert.Contains("Ada", reply, Exact);
        Assert.DoesNotContain("London", reply, Exact);
    }

    [Fact]
    public async Task greetings_and_thanks_use_the_name_once_it_is_known()
    {
        var conversation = new Conversation();

        var before = await conversation.SendAsync("hello");
        await conversation.SendAsync("call me Zoë");
        var greeting = await conversation.SendAsync("good morning!");
        var thanks = await conversation.SendAsync("thank you");

        Assert.DoesNotContain("Zoë", before, Exact);
        Assert.StartsWith("Good morning, Zoë!", greeting, Exact);
        Assert.StartsWith("You're welcome, Zoë!", thanks, Exact);
    }

    [Fact]
    public async Task the_first_message_and_the_message_count_follow_the_conversation()
    {
        var conversation = new Conversation();
        var atFirst = await conversation.SendAsync("how many messages have I sent?");
        await conversation.SendAsync("my name is Ada");
        await conversation.SendAsync("I like tea");

        var count = await conversation.SendAsync("How many messages have I sent?");
        var first = await conversation.SendAsync("what was my first message?");
        var saidFirst = await conversation.SendAsync("what did I say first");

        Assert.Contains("0", atFirst, Exact);
        Assert.Contains("3", count, Exact);
        Assert.Contains("how many messages have I sent?", first, Exact);
        Assert.Contains("how many messages have I sent?", saidFirst, Exact);
    }

    [Fact]
    public async Task questions_do_not_change_what_is_remembered()
    {
        var conversation = new Conversation();
        string[] questions =
        [
            "what is my name?", "who am I", "do you know my name?", "where do I live?", "where am I from?",
            "what do I like?", "what is my favorite color?", "what do you remember?", "what do you know about me?",
            "is my name Ada?", "my name is Ada?", "do I like tea?",
        ];

        foreach (var question in questions) await conversation.SendAsync(question);

        Assert.True(conversation.Context.IsEmpty);
    }

    [Fact]
    public async Task a_message_with_several_statements_teaches_them_all()
    {
        var conversation = new Conversation();

        var reply = await conversation.SendAsync("Hi! My name is Ada and I live in Bosnia and Herzegovina. I like tea, and I love chess.");

        Assert.Equal("Ada", conversation.Context.Name);
        Assert.Equal("Bosnia and Herzegovina", conversation.Context.Location);
        Assert.Equal(["tea", "chess"], conversation.Context.Likes);
        Assert.StartsWith("Hi, Ada! Nice to meet you.", reply, Exact);
        Assert.Contains("Bosnia and Herzegovina", reply, Exact);
    }

    [Fact]
    public async Task every_reply_of_a_long_conversation_is_non_empty()
    {
        var conversation = new Conversation();
        string[] messages =
        [
            "", "hi", "   ", "Hi, I'm Ada", "😀", "I went hiking today", "\0\u0001", "what is my name?",
            new string('x', 8000), "I like tea", "forget everything", "what do you know about me?", "?", "thanks", "bye",
        ];

        var replies = new List<string>();
        foreach (var message in messages)
        {
            var reply = await conversation.SendAsync(message);
            Assert.False(string.IsNullOrWhiteSpace(reply), $"no reply to \"{message}\"");
            replies.Add(reply);
        }

        Assert.Contains("Ada", replies[Array.IndexOf(messages, "what is my name?")], Exact);
        Assert.Contains("don't know anything", replies[Array.IndexOf(messages, "what do you know about me?")], Exact);
        Assert.Equal(messages.Length, conversation.UserMessageCount);
    }

    /// <summary>Stands in for the session grain: the same steps, in memory.</summary>
    [Fact]
    public async Task a_message_recalled_from_the_index_and_among_the_recent_turns_is_quoted_once()
    {
        var said = new DateTimeOffset(2026, 12, 7, 4, 25, 19, TimeSpan.Zero).AddTicks(2_732_787);
        var indexed = said.AddTicks(-(said.Ticks % 10));
        ConversationTurn[] turns = [new(TurnRoles.User, "I visited São Paulo last spring", said), new(TurnRoles.Assistant, "Tell me more.", said)];
        var question = new RuleBasedUnderstanding().Understand("what did I say about Sao Paulo?", SessionContext.Empty);
        var request = new ReplyRequest(question, SessionContext.Empty, turns, 1, turns[0].Text)
        {
            Recalled = [new RecalledExcerpt(TurnRoles.User, turns[0].Text, indexed, Guid.NewGuid(), null, SameSession: true)],
        };

        var reply = await new RuleBasedReplyGenerator().GenerateReplyAsync(request, CancellationToken.None);

        Assert.Equal(1, reply.Split("last spring").Length - 1);
        Assert.StartsWith("On 7 December 2026 you said", reply, Exact);
    }

    private sealed class Conversation
    {
        private const int RecentTurnWindow = 20;

        private readonly RuleBasedUnderstanding _understanding = new();
        private readonly RuleBasedReplyGenerator _generator = new();
        private readonly List<ConversationTurn> _turns = [];

        public SessionContext Context { get; private set; } = SessionContext.Empty;

        public string? FirstUserMessage { get; private set; }

        public int UserMessageCount { get; private set; }

        public async Task<string> SendAsync(string text)
        {
            var changes = _understanding.ChangesOf(text, Context);
            foreach (var change in changes)
                Context = change.ApplyTo(Context);

            var request = EngineCalls.Request(text, Context, changes, [.. _turns.TakeLast(RecentTurnWindow)], UserMessageCount, FirstUserMessage);
            var reply = await _generator.GenerateReplyAsync(request, CancellationToken.None);

            FirstUserMessage ??= text;
            UserMessageCount++;
            _turns.Add(new ConversationTurn(TurnRoles.User, text, DateTimeOffset.UnixEpoch));
            _turns.Add(new ConversationTurn(TurnRoles.Assistant, reply, DateTimeOffset.UnixEpoch));
            return reply;
        }
    }
}
