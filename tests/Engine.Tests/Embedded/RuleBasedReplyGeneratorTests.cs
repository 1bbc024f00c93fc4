using Orleans.Conversations.Engine;
using Orleans.Conversations.Engine.Embedded;
using Xunit;

namespace Orleans.Conversations.Engine.Tests.Embedded;

public sealed class RuleBasedReplyGeneratorTests
{
    private const StringComparison IgnoreCase = StringComparison.OrdinalIgnoreCase;

    private readonly RuleBasedReplyGenerator _generator = new();

    [Theory]
    [InlineData("what is my name")]
    [InlineData("what's my name")]
    [InlineData("What’s my name?")]
    [InlineData("whats my name")]
    [InlineData("WHAT IS MY NAME???")]
    [InlineData("who am I")]
    [InlineData("Who am I?")]
    [InlineData("do you know my name")]
    [InlineData("Do you know my name?")]
    [InlineData("do you remember my name?")]
    [InlineData("hey, what is my name?")]
    [InlineData("  what   is   my   name  ")]
    [InlineData("did you forget my name?")]
    [InlineData("have you forgotten who I am?")]
    public async Task name_question_is_answered_with_the_name(string question)
    {
        var reply = await Reply(question, Known());

        Assert.Contains("Zoë", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what do you think my name is?", "Your name is Zoë.")]
    [InlineData("What do you reckon my name is", "Your name is Zoë.")]
    [InlineData("what would you say my name is?", "Your name is Zoë.")]
    [InlineData("any idea what my name is?", "Your name is Zoë.")]
    [InlineData("guess my name", "Your name is Zoë.")]
    [InlineData("Can you guess my name?", "Your name is Zoë.")]
    [InlineData("ok, guess what my name is", "Your name is Zoë.")]
    [InlineData("guess who I am!", "You're Zoë.")]
    [InlineData("what do you think my favorite color is?", "Your favorite color is blue.")]
    [InlineData("any idea what my favourite food is?", "Your favourite food is feijoada.")]
    [InlineData("guess my favorite color", "Your favorite color is blue.")]
    [InlineData("I wonder what my favorite color is", "Your favorite color is blue.")]
    [InlineData("where do you think I live?", "You live in São Paulo.")]
    [InlineData("where would you say I'm from?", "You're from São Paulo.")]
    [InlineData("any idea where I live?", "You live in São Paulo.")]
    [InlineData("guess where I'm from", "You're from São Paulo.")]
    [InlineData("what do you think I like?", "You like tea, chess and long walks.")]
    [InlineData("guess what I love", "You love tea, chess and long walks.")]
    [InlineData("any idea what I enjoy?", "You enjoy tea, chess and long walks.")]
    public async Task a_question_that_asks_to_think_or_guess_is_answered_from_what_is_remembered(string question, string answer)
    {
        var reply = await Reply(question, Known());

        Assert.Contains(answer, reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I guess my name is unusual")]
    [InlineData("I guess my favorite color is odd")]
    public async Task a_guess_of_the_user_s_own_is_not_a_question(string text)
    {
        var reply = await Reply(text, Known());

        Assert.DoesNotContain("Your name is", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Your favorite color is", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what is my name")]
    [InlineData("who am I")]
    [InlineData("do you know my name?")]
    public async Task name_question_without_a_name_says_it_does_not_know_and_asks(string question)
    {
        var reply = await Reply(question, SessionContext.Empty);

        Assert.Contains("don't know your name", reply, IgnoreCase);
        Assert.Contains("?", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("where do I live")]
    [InlineData("Where do I live?")]
    [InlineData("where am I from")]
    [InlineData("where am i from?")]
    [InlineData("do you know where I'm from?")]
    public async Task location_question_is_answered_with_the_place(string question)
    {
        var reply = await Reply(question, Known());

        Assert.Contains("São Paulo", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("where do I live")]
    [InlineData("where am I from")]
    public async Task location_question_without_a_place_says_it_does_not_know(string question)
    {
        var reply = await Reply(question, SessionContext.Empty);

        Assert.Contains("don't know where you", reply, IgnoreCase);
    }

    [Theory]
    [InlineData("what do I like")]
    [InlineData("what do I love?")]
    [InlineData("What do I enjoy?")]
    [InlineData("what are my likes")]
    public async Task likes_question_is_answered_with_every_like(string question)
    {
        var reply = await Reply(question, Known());

        Assert.Contains("tea", reply, StringComparison.Ordinal);
        Assert.Contains("chess", reply, StringComparison.Ordinal);
        Assert.Contains("long walks", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task likes_question_without_likes_says_it_does_not_know()
    {
        var reply = await Reply("what do I like?", SessionContext.Empty);

        Assert.Contains("don't know what you like", reply, IgnoreCase);
    }

    [Theory]
    [InlineData("do I like tea?", "Yes")]
    [InlineData("do I like coffee?", "haven't told me")]
    public async Task a_yes_or_no_like_question_is_checked_against_the_likes(string question, string expected)
    {
        var reply = await Reply(question, Known());

        Assert.Contains(expected, reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tea", "Do I like steak?", "haven't told me")]
    [InlineData("tea", "do I like teapots?", "haven't told me")]
    [InlineData("art", "do I enjoy party games?", "haven't told me")]
    [InlineData("chess", "do I love chessboxing?", "haven't told me")]
    [InlineData("tea", "do I like TEA?", "Yes")]
    [InlineData("tea", "do I like green tea?", "Yes")]
    [InlineData("long walks", "do I like walks?", "Yes")]
    [InlineData("cats", "do I like cat?", "Yes")]
    [InlineData("tea, coffee and cake", "do I like coffee?", "Yes")]
    [InlineData("🍕", "do I like 🍕?", "Yes")]
    [InlineData("🍕", "do I like 🌮?", "haven't told me")]
    [InlineData("C++", "do I like C#?", "haven't told me")]
    [InlineData("C++", "do I like c++?", "Yes")]
    [InlineData("寿司とラーメン", "do I like 寿司?", "Yes")]
    [InlineData("寿司", "do I like ラーメン?", "haven't told me")]
    public async Task a_yes_or_no_like_question_matches_whole_words_never_parts_of_words(string like, string question, string expected)
    {
        var reply = await Reply(question, SessionContext.Empty.With(ContextKeys.Likes, like));

        Assert.Contains(expected, reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Al", "is my name Alice?", "No, your name is Al.")]
    [InlineData("Ann", "Is my name Joanna?", "No, your name is Ann.")]
    [InlineData("Al", "is my name Al?", "Yes, your name is Al.")]
    [InlineData("Zoë", "is my name zoë?", "Yes, your name is Zoë.")]
    [InlineData("Ada Lovelace", "is my name Ada?", "Yes, your name is Ada Lovelace.")]
    public async Task a_yes_or_no_name_question_matches_whole_words_never_parts_of_words(string name, string question, string expected)
    {
        var reply = await Reply(question, SessionContext.Empty.With(ContextKeys.Name, name));

        Assert.Contains(expected, reply, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("what is my favorite color", "blue")]
    [InlineData("what's my favourite colour?", "blue")]
    [InlineData("What is my favorite colour?", "blue")]
    [InlineData("what's my favorite colors", "blue")]
    [InlineData("what is my favorite food", "feijoada")]
    [InlineData("do you know my favorite food?", "feijoada")]
    public async Task favorite_question_is_answered_with_the_favorite(string question, string value)
    {
        var reply = await Reply(question, Known());

        Assert.Contains(value, reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what is my favorite color and my name?", new[] { "blue", "Zoë" })]
    [InlineData("what's my name and where do I live?", new[] { "Zoë", "São Paulo" })]
    [InlineData("What's my name and where I live?", new[] { "Zoë", "São Paulo" })]
    [InlineData("what is my name, and my favorite food?", new[] { "Zoë", "feijoada" })]
    [InlineData("what are my favorite color and food?", new[] { "blue", "feijoada" })]
    [InlineData("where am I from and what I like?", new[] { "São Paulo", "tea" })]
    [InlineData("do you know my name, my city and my favourite colour?", new[] { "Zoë", "São Paulo", "blue" })]
    [InlineData("tell me my name & my hobbies", new[] { "Zoë", "chess" })]
    [InlineData("what do I like, and who I am?", new[] { "long walks", "Zoë" })]
    [InlineData("what's my favorite color and name?", new[] { "blue", "Zoë" })]
    [InlineData("what is my name and favorite food?", new[] { "Zoë", "feijoada" })]
    [InlineData("what's my name and city?", new[] { "Zoë", "São Paulo" })]
    public async Task a_question_joined_by_and_without_its_own_question_word_is_answered_too(string question, string[] expected)
    {
        var reply = await Reply(question, Known());

        var positions = expected.Select(value => reply.IndexOf(value, StringComparison.Ordinal)).ToList();
        Assert.All(positions, position => Assert.True(position >= 0, reply));
        Assert.Equal(positions.Order(), positions);
    }

    [Theory]
    [InlineData("what is my favorite color and why?")]
    [InlineData("what is my favorite color and yours?")]
    [InlineData("what's my favorite color, please?")]
    [InlineData("what's my favorite color, again?")]
    [InlineData("what's my favorite color, Zoë?")]
    public async Task what_follows_a_favorite_question_is_not_taken_for_another_topic_when_it_is_not_one(string question)
    {
        var reply = await Reply(question, Known());

        Assert.Contains("Your favorite color is blue.", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("your favorite why", reply, IgnoreCase);
        Assert.DoesNotContain("your favorite yours", reply, IgnoreCase);
        Assert.DoesNotContain("your favorite name", reply, IgnoreCase);
        Assert.DoesNotContain("I don't know your favorite", reply, IgnoreCase);
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

    [Theory]
    [InlineData("what do you remember")]
    [InlineData("What do you remember?")]
    [InlineData("what do you know about me")]
    [InlineData("What do you know about me?")]
    [InlineData("tell me what you know")]
    public async Task memory_question_is_answered_with_every_remembered_item(string question)
    {
        var reply = await Reply(question, Known());

        string[] remembered = ["Zoë", "São Paulo", "tea", "chess", "long walks", "blue", "feijoada", "my sister is called Eve", "I park on level 2"];
        Assert.All(remembered, item => Assert.Contains(item, reply, StringComparison.Ordinal));
    }

    [Fact]
    public async Task memory_question_with_nothing_remembered_says_it_does_not_know_anything()
    {
        var reply = await Reply("what do you know about me?", SessionContext.Empty);

        Assert.Contains("don't know anything about you", reply, IgnoreCase);
    }

    [Theory]
    [InlineData("hello", "Hello")]
    [InlineData("Hello!", "Hello")]
    [InlineData("hi", "Hi")]
    [InlineData("hi there", "Hi")]
    [InlineData("hey", "Hey")]
    [InlineData("Hey!!", "Hey")]
    [InlineData("good morning", "Good morning")]
    [InlineData("Good evening!", "Good evening")]
    public async Task greeting_is_returned_with_the_name_when_known(string greeting, string expected)
    {
        var reply = await Reply(greeting, Known());

        Assert.StartsWith(expected + ", Zoë!", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_short_name_is_used_in_the_greeting_even_when_it_appears_inside_other_words()
    {
        var context = SessionContext.Empty.With(ContextKeys.Name, "Al").With(ContextKeys.Facts, "we ski in the Alps");
        var changes = new[] { ContextChange.Remember(ContextKeys.Facts, "we ski in the Alps") };

        var reply = await Reply("Thanks! Remember that we ski in the Alps", context, changes);

        Assert.Equal("You're welcome, Al! I'll remember that we ski in the Alps.", reply);
    }

    [Theory]
    [InlineData("hello", "Hello")]
    [InlineData("good morning", "Good morning")]
    public async Task greeting_without_a_name_greets_and_asks_for_the_name(string greeting, string expected)
    {
        var reply = await Reply(greeting, SessionContext.Empty);

        Assert.StartsWith(expected + "!", reply, StringComparison.Ordinal);
        Assert.Contains("call you", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thank you")]
    [InlineData("Thank you!")]
    [InlineData("thanks")]
    [InlineData("thanks a lot")]
    [InlineData("THANKS")]
    public async Task thanks_is_answered_with_you_are_welcome_and_the_name(string thanks)
    {
        var reply = await Reply(thanks, Known());

        Assert.Contains("You're welcome, Zoë", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task thanks_without_a_name_is_still_welcomed()
    {
        var reply = await Reply("thanks", SessionContext.Empty);

        Assert.StartsWith("You're welcome!", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what was my first message")]
    [InlineData("What was my first message?")]
    [InlineData("what did I say first")]
    [InlineData("What did I say first?")]
    [InlineData("what was the first thing I said?")]
    public async Task first_message_question_quotes_the_first_user_message(string question)
    {
        var reply = await Reply(question, Known(), previousCount: 4, first: "Hi there, I'm Zoë from São Paulo!");

        Assert.Contains("Hi there, I'm Zoë from São Paulo!", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task first_message_question_as_the_first_message_says_this_is_it()
    {
        var reply = await Reply("what was my first message?", SessionContext.Empty, previousCount: 0, first: null);

        Assert.Contains("This is your first message", reply, StringComparison.Ordinal);
        Assert.Contains("what was my first message?", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("how many messages have I sent", 0, "0 messages")]
    [InlineData("how many messages have I sent?", 1, "1 message ")]
    [InlineData("How many messages have I sent?", 3, "3 messages")]
    [InlineData("how many messages did I send", 12, "12 messages")]
    [InlineData("how many messages have i sent so far", 1000, "1000 messages")]
    public async Task message_count_question_gives_the_number_of_earlier_messages_in_digits(string question, int previous, string expected)
    {
        var reply = await Reply(question, Known(), previousCount: previous, first: previous == 0 ? null : "hello");

        Assert.Contains(expected, reply, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("what is my dog's name?", "dog's name")]
    [InlineData("what is my shoe size?", "shoe size")]
    [InlineData("who is my best friend?", "best friend")]
    public async Task question_about_something_unknown_says_it_does_not_know_yet_and_invites_to_tell(string question, string thing)
    {
        var reply = await Reply(question, Known());

        Assert.Contains($"don't know your {thing} yet", reply, StringComparison.Ordinal);
        Assert.Contains("Tell me", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("who are you?")]
    [InlineData("what's your name?")]
    [InlineData("What is your name")]
    [InlineData("do you have a name?")]
    public async Task a_question_about_the_engine_itself_is_answered_about_itself(string question)
    {
        var reply = await Reply(question, Known());

        Assert.Contains("conversation companion", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("don't know", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's the capital of France?")]
    [InlineData("Why is the sky blue?")]
    [InlineData("can you play chess")]
    public async Task any_other_question_says_it_does_not_know_yet_and_invites_to_tell(string question)
    {
        var reply = await Reply(question, SessionContext.Empty);

        Assert.Contains("don't know that yet", reply, StringComparison.Ordinal);
        Assert.Contains("tell me", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task question_about_something_in_a_remembered_fact_is_answered_from_the_fact()
    {
        var context = Known().With(ContextKeys.Facts, "my dog is called Rex");

        var reply = await Reply("what is my dog's name?", context);

        Assert.Contains("my dog is called Rex", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ContextKeys.Name, "Ada", "Nice to meet you, Ada!")]
    [InlineData(ContextKeys.Location, "London", "you live in London")]
    [InlineData(ContextKeys.Likes, "tea", "you like tea")]
    [InlineData("favorite.color", "blue", "your favorite color is blue")]
    [InlineData(ContextKeys.Facts, "the meeting is at noon", "the meeting is at noon")]
    public async Task what_was_just_learned_is_acknowledged(string key, string value, string expected)
    {
        var changes = new[] { ContextChange.Remember(key, value) };

        var reply = await Reply("(a message)", SessionContext.Empty.With(key, value), changes);

        Assert.Contains(expected, reply, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("forget my name", ContextKeys.Name, "Zoë", "your name")]
    [InlineData("forget where I live", ContextKeys.Location, "São Paulo", "where you live")]
    [InlineData("forget what I like", ContextKeys.Likes, "chess", "what you like")]
    public async Task forgetting_is_acknowledged_without_repeating_the_forgotten_value(string text, string key, string value, string what)
    {
        var context = Known().Without(key);

        var reply = await Reply(text, context, [ContextChange.Forget(key)]);

        Assert.Contains($"forgotten {what}", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(value, reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I told you to forget my name")]
    [InlineData("Time to forget my name!")]
    public async Task a_request_to_forget_the_name_is_not_answered_with_the_name(string text)
    {
        var reply = await Reply(text, Known());

        Assert.DoesNotContain("Your name is", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task forgetting_everything_is_acknowledged_as_a_fresh_start()
    {
        var forgets = Known().Keys.Select(ContextChange.Forget).ToArray();

        var reply = await Reply("forget everything", SessionContext.Empty, forgets);

        Assert.Contains("forgotten everything", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Zoë", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forget my name", "didn't know your name")]
    [InlineData("forget everything", "nothing to forget")]
    public async Task forgetting_what_was_not_known_says_there_was_nothing_to_forget(string text, string expected)
    {
        var reply = await Reply(text, SessionContext.Empty);

        Assert.Contains(expected, reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I went hiking today", "you went hiking today")]
    [InlineData("My dog is sick", "your dog is sick")]
    [InlineData("The weather is lovely!", "the weather is lovely")]
    public async Task anything_else_echoes_the_topic_from_the_users_side(string text, string echo)
    {
        var reply = await Reply(text, SessionContext.Empty);

        Assert.Contains(echo, reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Nice weather today")]
    [InlineData("call me later")]
    [InlineData("Tokyo was amazing")]
    public async Task anything_else_that_is_short_is_said_back_as_it_was_written(string text)
    {
        var reply = await Reply(text, SessionContext.Empty);

        Assert.Contains($"“{text}”", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I went hiking today", 0)]
    [InlineData("ok", 1)]
    [InlineData("hmm", 2)]
    [InlineData("call me later", 3)]
    public async Task anything_else_refers_to_the_name_when_known(string text, int previousCount)
    {
        var reply = await Reply(text, Known(), previousCount: previousCount, first: previousCount == 0 ? null : "hi");

        Assert.Contains("Zoë", reply, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OddInputs))]
    public async Task odd_input_gets_a_short_non_empty_reply_that_uses_the_name(string text)
    {
        var reply = await Reply(text, Known());

        Assert.False(string.IsNullOrWhiteSpace(reply));
        Assert.True(reply.Length < 400, reply);
        Assert.Contains("Zoë", reply, StringComparison.Ordinal);
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

    public static TheoryData<string> OddInputs() => new()
    {
        "",
        "   ",
        "\0\u0007\u001b",
        "😀😀😀",
        "?",
        "...",
        "ok",
        new string('x', 8000),
        new string('?', 8000),
        string.Concat(Enumerable.Repeat("what is my name ", 500)),
        new string(Enumerable.Range(0, 8000).Select(i => (char)(0x2000 + (i * 7919 % 0x0FFF))).ToArray()),
    };

    [Theory]
    [InlineData("Do you remember what my favorite color is?", "blue")]
    [InlineData("Tell me what my favorite food is", "feijoada")]
    [InlineData("do you know what my favourite colour was?", "blue")]
    [InlineData("Do you know what my name is?", "Your name is Zoë")]
    [InlineData("can you remind me what my name is", "Your name is Zoë")]
    [InlineData("what did I say my name was?", "Your name is Zoë")]
    [InlineData("Can you tell me where I live?", "São Paulo")]
    [InlineData("What city do I live in?", "São Paulo")]
    [InlineData("what country am I from?", "São Paulo")]
    [InlineData("Where did I say I live?", "São Paulo")]
    [InlineData("where did I tell you I'm from", "São Paulo")]
    [InlineData("Which city do I live in?", "São Paulo")]
    [InlineData("do you know what city I live in?", "São Paulo")]
    [InlineData("Do you recall what my name is?", "Your name is Zoë")]
    public async Task a_question_with_the_embedded_word_order_is_answered_with_the_value(string question, string value)
    {
        var reply = await Reply(question, Known());

        Assert.Contains(value, reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Do you remember what my favorite color is?", "don't know your favorite color")]
    [InlineData("Do you know what my name is?", "don't know your name")]
    [InlineData("What city do I live in?", "don't know where you")]
    [InlineData("Where did I say I live?", "don't know where you")]
    public async Task an_embedded_question_without_the_value_says_it_does_not_know_it(string question, string expected)
    {
        var reply = await Reply(question, SessionContext.Empty);

        Assert.Contains(expected, reply, IgnoreCase);
    }

    [Theory]
    [InlineData("Do you remember my first message?")]
    [InlineData("What did I say in my first message?")]
    [InlineData("what was the first thing I said")]
    [InlineData("can you tell me what my first message was?")]
    [InlineData("remind me of my first message")]
    [InlineData("what message did I send first?")]
    [InlineData("what was the very first thing I told you?")]
    public async Task first_message_question_variants_quote_the_first_user_message(string question)
    {
        var reply = await Reply(question, Known(), previousCount: 4, first: "Hi there, I'm Zoë from São Paulo!");

        Assert.Contains("Hi there, I'm Zoë from São Paulo!", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("how many messages did I send", 5, "5 messages")]
    [InlineData("how many messages have I sent so far", 5, "5 messages")]
    [InlineData("do you know how many messages I've sent?", 5, "5 messages")]
    [InlineData("how many times have I written to you?", 5, "5 messages")]
    [InlineData("what's the number of messages I've sent?", 5, "5 messages")]
    public async Task message_count_question_variants_give_the_number_of_earlier_messages(string question, int previous, string expected)
    {
        var reply = await Reply(question, Known(), previousCount: previous);

        Assert.Contains(expected, reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's my favorite color 🤔")]
    [InlineData("what is my favorite color again?")]
    [InlineData("what's my favorite color btw")]
    [InlineData("what is my favorite color 😅?")]
    [InlineData("what's my favorite color by the way?")]
    [InlineData("do you remember my favorite color 🙂")]
    public async Task a_favorite_question_with_a_trailing_emoji_or_filler_asks_about_the_topic(string question)
    {
        var reply = await Reply(question, Known());

        Assert.Contains("Your favorite color is blue.", reply, StringComparison.Ordinal);
    }

    private static SessionContext Known() => SessionContext.Empty
        .With(ContextKeys.Name, "Zoë")
        .With(ContextKeys.Location, "São Paulo")
        .With(ContextKeys.Likes, "tea")
        .With(ContextKeys.Likes, "chess")
        .With(ContextKeys.Likes, "long walks")
        .With(ContextKeys.Favorite("color"), "blue")
        .With(ContextKeys.Favorite("food"), "feijoada")
        .With(ContextKeys.Facts, "my sister is called Eve")
        .With(ContextKeys.Facts, "I park on level 2");

    private Task<string> Reply(
        string text,
        SessionContext context,
        IReadOnlyList<ContextChange>? changes = null,
        int previousCount = 3,
        string? first = "hello",
        IReadOnlyList<ConversationTurn>? recent = null) =>
        _generator.GenerateReplyAsync(
            new ReplyRequest(text, context, changes ?? [], recent ?? [], previousCount, first),
            CancellationToken.None);
}
