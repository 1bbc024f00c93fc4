using Orleans.Conversations.Engine;
using Orleans.Conversations.Engine.Embedded;
using Xunit;

namespace Orleans.Conversations.Engine.Tests.Embedded;

public sealed class RuleBasedReplyGeneratorTests
{
    private const StringComparison IgnoreCase = StringComparison.OrdinalIgnoreCase;

    private readonly RuleBasedReplyGenerator _generator = new();

    [Fact]
    public async Task likes_question_without_likes_says_it_does_not_know()
    {
        var reply = await Reply("what do I like?", SessionContext.Empty);

        Assert.Contains("don't know what you like", reply, IgnoreCase);
    }

    [Fact]
    public async Task a_question_about_my_thing_is_not_answered_from_a_fact_that_only_holds_its_letters()
    {
        var context = SessionContext.Empty.With(ContextKeys.Facts, "my category is fiction");

        var reply = await Reply("what is my cat's name?", context);

        Assert.DoesNotContain("fiction", reply, StringComparison.Ordinal);
        Assert.Contains("don't know your cat's name", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_like_is_acknowledged_with_its_own_verb_even_when_its_letters_appear_earlier()
    {
        var context = SessionContext.Empty.With(ContextKeys.Likes, "steam trains").With(ContextKeys.Likes, "tea");
        var changes = new[] { ContextChange.Remember(ContextKeys.Likes, "steam trains"), ContextChange.Remember(ContextKeys.Likes, "tea") };

        var reply = await Reply("I love steam trains and I like tea", context, changes);

        Assert.Contains("you love steam trains and that you like tea", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task where_i_live_is_said_with_from_only_when_the_user_said_from_before_the_whole_place()
    {
        var context = SessionContext.Empty.With(ContextKeys.Location, "Rome");
        ConversationTurn[] turns = [new(TurnRoles.User, "I live in Rome", DateTimeOffset.UnixEpoch)];

        var reply = await Reply("I'm far from Romero's bakery. What do you know about me?", context, recent: turns);

        Assert.Contains("you live in Rome", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_long_run_of_joined_topics_gets_a_reply_of_bounded_length()
    {
        var question = "what is my favorite color" + string.Concat(Enumerable.Range(0, 500).Select(i => $" and topic{i}")) + "?";

        var reply = await Reply(question, Known());

        Assert.Contains("Your favorite color is blue.", reply, StringComparison.Ordinal);
        Assert.True(reply.Length < 1000, $"{reply.Length} characters");
    }

    [Fact]
    public async Task a_question_about_my_thing_finds_the_fact_that_told_it_in_the_plural()
    {
        var context = SessionContext.Empty.With(ContextKeys.Facts, "my cats are Tom and Kitty");

        var reply = await Reply("what is my cat's name?", context);

        Assert.Contains("my cats are Tom and Kitty", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task favorite_question_about_an_unknown_topic_says_it_does_not_know_and_asks()
    {
        var reply = await Reply("what is my favorite song?", Known());

        Assert.Contains("don't know your favorite song", reply, IgnoreCase);
        Assert.DoesNotContain("blue", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task all_favorites_are_listed_when_asked()
    {
        var reply = await Reply("what are my favorites?", Known());

        Assert.Contains("blue", reply, StringComparison.Ordinal);
        Assert.Contains("feijoada", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task memory_question_with_nothing_remembered_says_it_does_not_know_anything()
    {
        var reply = await Reply("what do you know about me?", SessionContext.Empty);

        Assert.Contains("don't know anything about you", reply, IgnoreCase);
    }

    [Fact]
    public async Task a_short_name_is_used_in_the_greeting_even_when_it_appears_inside_other_words()
    {
        var context = SessionContext.Empty.With(ContextKeys.Name, "Al").With(ContextKeys.Facts, "we ski in the Alps");
        var changes = new[] { ContextChange.Remember(ContextKeys.Facts, "we ski in the Alps") };

        var reply = await Reply("Thanks! Remember that we ski in the Alps", context, changes);

        Assert.Equal("You're welcome, Al! I'll remember that we ski in the Alps.", reply);
    }

    [Fact]
    public async Task thanks_without_a_name_is_still_welcomed()
    {
        var reply = await Reply("thanks", SessionContext.Empty);

        Assert.StartsWith("You're welcome!", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task first_message_question_as_the_first_message_says_this_is_it()
    {
        var reply = await Reply("what was my first message?", SessionContext.Empty, previousCount: 0, first: null);

        Assert.Contains("This is your first message", reply, StringComparison.Ordinal);
        Assert.Contains("what was my first message?", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task what_did_i_just_say_quotes_the_last_user_turn()
    {
        ConversationTurn[] turns =
        [
            new(TurnRoles.User, "I went to the market", DateTimeOffset.UnixEpoch),
            new(TurnRoles.Assistant, "Tell me more.", DateTimeOffset.UnixEpoch),
        ];

        var reply = await Reply("what did I just say?", Known(), previousCount: 1, first: "I went to the market", recent: turns);

        Assert.Contains("I went to the market", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task question_about_something_in_a_remembered_fact_is_answered_from_the_fact()
    {
        var context = Known().With(ContextKeys.Facts, "my dog is called Rex");

        var reply = await Reply("what is my dog's name?", context);

        Assert.Contains("my dog is called Rex", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_name_given_with_a_greeting_is_welcomed_with_that_greeting()
    {
        var changes = new[] { ContextChange.Remember(ContextKeys.Name, "Ada") };

        var reply = await Reply("Hi, my name is Ada", SessionContext.Empty.With(ContextKeys.Name, "Ada"), changes);

        Assert.Equal("Hi, Ada! Nice to meet you.", reply);
    }

    [Fact]
    public async Task a_name_given_with_call_me_is_confirmed()
    {
        var changes = new[] { ContextChange.Remember(ContextKeys.Name, "Grace") };

        var reply = await Reply("call me Grace", SessionContext.Empty.With(ContextKeys.Name, "Grace"), changes);

        Assert.Equal("Sure, I'll call you Grace.", reply);
    }

    [Fact]
    public async Task a_fact_is_acknowledged_from_the_users_side()
    {
        var changes = new[] { ContextChange.Remember(ContextKeys.Facts, "I have a dentist appointment on Friday") };

        var reply = await Reply(
            "remember that I have a dentist appointment on Friday",
            SessionContext.Empty.With(ContextKeys.Facts, "I have a dentist appointment on Friday"),
            changes);

        Assert.Equal("I'll remember that you have a dentist appointment on Friday.", reply);
    }

    [Fact]
    public async Task forgetting_everything_is_acknowledged_as_a_fresh_start()
    {
        var forgets = Known().Keys.Select(ContextChange.Forget).ToArray();

        var reply = await Reply("forget everything", SessionContext.Empty, forgets);

        Assert.Contains("forgotten everything", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Zoë", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_same_request_always_gets_the_same_reply()
    {
        var first = await Reply("I went hiking today", Known(), previousCount: 5, first: "hi");
        var second = await Reply("I went hiking today", Known(), previousCount: 5, first: "hi");

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task a_statement_and_a_question_in_one_message_are_both_answered()
    {
        var changes = new[] { ContextChange.Remember(ContextKeys.Name, "Ada") };

        var reply = await Reply("My name is Ada. Where do I live?", SessionContext.Empty.With(ContextKeys.Name, "Ada"), changes);

        Assert.Contains("Nice to meet you, Ada!", reply, StringComparison.Ordinal);
        Assert.Contains("don't know where you live", reply, StringComparison.Ordinal);
    }

    private static SessionContext Known() => Corpus.CorpusConversation.Known;

    private Task<string> Reply(
        string text,
        SessionContext context,
        IReadOnlyList<ContextChange>? changes = null,
        int previousCount = 3,
        string? first = "hello",
        IReadOnlyList<ConversationTurn>? recent = null) =>
        _generator.GenerateReplyAsync(
            EngineCalls.Request(text, context, changes ?? [], recent ?? [], previousCount, first),
            CancellationToken.None);
}
