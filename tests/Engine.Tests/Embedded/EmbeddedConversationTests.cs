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

    public static TheoryData<string, string, string> ContractRows()
    {
        var rows = new TheoryData<string, string, string>();
        AddRows(rows, ["my name is {0}", "call me {0}"],
            ["what is my name", "what's my name", "who am I", "do you know my name"], ["Ada", "Zoë", "Jean-Luc"]);
        AddRows(rows, ["I live in {0}", "I'm from {0}", "I am from {0}"],
            ["where do I live", "where am I from"], ["London", "São Paulo"]);
        AddRows(rows, ["I like {0}", "I love {0}", "I enjoy {0}"], ["what do I like", "what do I love"], ["chess"]);
        AddRows(rows, ["my favorite color is {0}", "my favourite color is {0}"],
            ["what is my favorite color", "what's my favourite color"], ["blue"]);
        AddRows(rows, ["remember that {0}", "please remember {0}"],
            ["what do you remember", "what do you know about me"], ["my sister is called Eve"]);
        return rows;
    }

    [Theory]
    [MemberData(nameof(ContractRows))]
    public async Task each_contract_statement_is_recalled_by_each_contract_question(string statement, string question, string value)
    {
        var conversation = new Conversation();

        await conversation.SendAsync(statement);
        var reply = await conversation.SendAsync(question);

        Assert.Contains(value, reply, Exact);
    }

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

    [Theory]
    [InlineData("remember that my name is Ada", "forget my name", "Ada")]
    [InlineData("please remember: I live in Lima", "forget where I live", "Lima")]
    [InlineData("Remember, I love chess", "forget what I like", "chess")]
    [InlineData("remember that my favourite colour is green", "forget my favorite color", "green")]
    public async Task forgetting_also_forgets_the_facts_that_told_it_and_keeps_the_others(string told, string forget, string value)
    {
        var conversation = new Conversation();
        await conversation.SendAsync(told);
        await conversation.SendAsync("remember that my sister is called Eve");

        var forgot = await conversation.SendAsync(forget);
        var memory = await conversation.SendAsync("what do you remember?");

        Assert.DoesNotContain(value, forgot, Exact);
        Assert.DoesNotContain(value, memory, Exact);
        Assert.DoesNotContain(conversation.Context.Facts, fact => fact.Contains(value, Exact));
        Assert.Equal(["my sister is called Eve"], conversation.Context.Facts);
        Assert.Contains("my sister is called Eve", memory, Exact);
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

    [Theory]
    [InlineData("my name is Ada", "call me Grace", "what's my name?", "Grace", "Ada")]
    [InlineData("call me Ada", "My name is Grace.", "who am I", "Grace", "Ada")]
    [InlineData("I live in London", "I'm from Lisbon", "where do I live", "Lisbon", "London")]
    [InlineData("my favorite color is blue", "my favorite color is red", "what is my favorite color", "red", "blue")]
    public async Task a_later_statement_overrides_an_earlier_one(string first, string second, string question, string now, string before)
    {
        var conversation = new Conversation();

        await conversation.SendAsync(first);
        await conversation.SendAsync(second);
        var reply = await conversation.SendAsync(question);

        Assert.Contains(now, reply, Exact);
        Assert.DoesNotContain(before, reply, Exact);
    }

    [Theory]
    [InlineData("Remember, my name is Ada", "what's my name?", "Ada")]
    [InlineData("Remember, my name is Ada", "what do you remember?", "my name is Ada")]
    [InlineData("Remember: I like tea", "what do I like?", "tea")]
    [InlineData("Please remember, my dog is Rex", "what do you know about me?", "my dog is Rex")]
    [InlineData("remember that I live in Oslo", "where do I live?", "Oslo")]
    public async Task what_the_user_asks_to_remember_is_recalled_in_every_remember_form(string statement, string question, string value)
    {
        var conversation = new Conversation();

        var acknowledgement = await conversation.SendAsync(statement);
        var reply = await conversation.SendAsync(question);

        Assert.DoesNotContain(" , ", acknowledgement, Exact);
        Assert.Contains(value, reply, Exact);
    }

    [Theory]
    [InlineData("my name is Ada", "forget my name", "what is my name", "Ada")]
    [InlineData("call me Zoë", "Please forget my name.", "do you know my name?", "Zoë")]
    [InlineData("I live in Lisbon", "forget where I live", "where do I live", "Lisbon")]
    [InlineData("I'm from São Paulo", "forget where I live", "where am I from?", "São Paulo")]
    [InlineData("I like tea", "forget what I like", "what do I like", "tea")]
    [InlineData("my favorite color is blue", "forget my favorite color", "what's my favorite color", "blue")]
    [InlineData("my favorite color is blue", "forget my favorite color 🙏", "what's my favorite color 🤔", "blue")]
    [InlineData("my name is Ada", "forget everything", "what is my name", "Ada")]
    [InlineData("I live in Lisbon", "forget everything", "where do I live", "Lisbon")]
    [InlineData("remember that my code is 1234", "forget everything", "what do you remember", "1234")]
    [InlineData("I love chess", "forget everything", "what do you know about me", "chess")]
    public async Task a_forgotten_item_is_no_longer_known(string statement, string forget, string question, string value)
    {
        var conversation = new Conversation();
        await conversation.SendAsync(statement);

        var forgetReply = await conversation.SendAsync(forget);
        var reply = await conversation.SendAsync(question);

        Assert.DoesNotContain(value, forgetReply, Exact);
        Assert.DoesNotContain(value, reply, Exact);
        Assert.Contains("don't know", reply, Exact);
    }

    [Theory]
    [InlineData("my name is Ada", "I want you to forget my name", "what is my name", "Ada")]
    [InlineData("call me Zoë", "can you forget my name?", "who am I", "Zoë")]
    [InlineData("I live in Lisbon", "please forget where I live", "where do I live", "Lisbon")]
    [InlineData("I live in Lisbon", "then forget everything", "where do I live", "Lisbon")]
    [InlineData("I love chess", "I'd like you to forget everything", "what do you know about me", "chess")]
    public async Task a_forget_request_inside_a_longer_sentence_forgets(string statement, string forget, string question, string value)
    {
        var conversation = new Conversation();
        await conversation.SendAsync(statement);

        var forgetReply = await conversation.SendAsync(forget);
        var reply = await conversation.SendAsync(question);

        Assert.Contains("forgotten", forgetReply, Exact);
        Assert.DoesNotContain(value, forgetReply, Exact);
        Assert.DoesNotContain(value, reply, Exact);
        Assert.Contains("don't know", reply, Exact);
    }

    [Theory]
    [InlineData("I like tea, coffee, and cake", "what do I like")]
    [InlineData("I love tea, coffee, and cake!", "what do I love?")]
    public async Task every_item_of_a_list_with_an_oxford_comma_is_recalled(string statement, string question)
    {
        var conversation = new Conversation();

        await conversation.SendAsync(statement);
        var reply = await conversation.SendAsync(question);

        Assert.All(["tea", "coffee", "cake"], like => Assert.Contains(like, reply, Exact));
    }

    [Fact]
    public async Task an_oxford_comma_list_of_favorites_is_recalled_whole()
    {
        var conversation = new Conversation();

        await conversation.SendAsync("my favorite foods are pizza, sushi, and tacos");
        var reply = await conversation.SendAsync("what are my favorite foods?");

        Assert.All(["pizza", "sushi", "tacos"], food => Assert.Contains(food, reply, Exact));
    }

    [Theory]
    [InlineData("my name is Ada", "Call me Grace instead", "Grace")]
    [InlineData("my name is Ada", "my name is actually Grace", "Grace")]
    [InlineData("call me Grace", "You can call me Ada again", "Ada")]
    [InlineData("my name is Ada", "no, call me Bo then", "Bo")]
    public async Task a_name_correction_overrides_the_earlier_name(string first, string correction, string name)
    {
        var conversation = new Conversation();
        await conversation.SendAsync(first);

        var acknowledgement = await conversation.SendAsync(correction);
        var reply = await conversation.SendAsync("what's my name?");

        Assert.Equal(name, conversation.Context.Name);
        Assert.Matches($@"\b{name}[.!]", acknowledgement);
        Assert.Equal($"Your name is {name}.", reply);
    }

    [Theory]
    [InlineData("my name is \"Ada\"", "Ada")]
    [InlineData("call me “Zoë”", "Zoë")]
    public async Task a_quoted_name_is_said_back_without_its_quotes(string statement, string name)
    {
        var conversation = new Conversation();

        var acknowledgement = await conversation.SendAsync(statement);
        var reply = await conversation.SendAsync("what is my name?");

        Assert.DoesNotContain("\"", acknowledgement, Exact);
        Assert.DoesNotContain("“", acknowledgement, Exact);
        Assert.Matches($@"\b{name}[.!]", acknowledgement);
        Assert.Equal($"Your name is {name}.", reply);
    }

    [Theory]
    [InlineData("Hey 👋 my name is Zoë", "Hey, Zoë!")]
    [InlineData("👋 hello", "Hello!")]
    [InlineData("👋👋 Hi there", "Hi!")]
    [InlineData("🌞 good morning", "Good morning!")]
    public async Task a_leading_emoji_does_not_hide_the_greeting(string message, string expected)
    {
        var conversation = new Conversation();

        var reply = await conversation.SendAsync(message);

        Assert.StartsWith(expected, reply, Exact);
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

    [Theory]
    [InlineData("call me Zoë", "what's my name?", "Zoë")]
    [InlineData("My name is O'Brien!", "who am I?", "O'Brien")]
    [InlineData("I'm from 東京", "where am I from?", "東京")]
    [InlineData("i live in SÃO PAULO...", "where do I live", "SÃO PAULO")]
    [InlineData("I love crème brûlée", "what do I love?", "crème brûlée")]
    [InlineData("my favourite café is Café Zoë", "what is my favourite café", "Café Zoë")]
    public async Task values_keep_the_users_own_spelling_and_unicode(string statement, string question, string value)
    {
        var conversation = new Conversation();

        await conversation.SendAsync(statement);
        var reply = await conversation.SendAsync(question);

        Assert.Contains(value, reply, Exact);
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

    [Theory]
    [InlineData("Do you remember my first message?")]
    [InlineData("What did I say in my first message?")]
    [InlineData("what was the first thing I said")]
    public async Task first_message_question_variants_quote_the_first_message(string question)
    {
        var conversation = new Conversation();
        await conversation.SendAsync("Hello from Zoë");
        await conversation.SendAsync("I like tea");

        var reply = await conversation.SendAsync(question);

        Assert.Contains("Hello from Zoë", reply, Exact);
    }

    [Theory]
    [InlineData("how many messages did I send")]
    [InlineData("how many messages have I sent so far")]
    public async Task message_count_question_variants_count_the_earlier_messages(string question)
    {
        var conversation = new Conversation();
        await conversation.SendAsync("hi");
        await conversation.SendAsync("I like tea");

        var reply = await conversation.SendAsync(question);

        Assert.Contains("2 messages", reply, Exact);
    }

    [Theory]
    [InlineData("my favourite colour is red", "what is my favorite color")]
    [InlineData("my favorite color is red", "what's my favourite colour?")]
    [InlineData("my favourite flavour is mint", "what is my favorite flavor")]
    public async Task british_and_american_spellings_reach_the_same_favorite(string statement, string question)
    {
        var conversation = new Conversation();

        await conversation.SendAsync(statement);
        var reply = await conversation.SendAsync(question);

        Assert.Contains(statement.Split(' ')[^1], reply, Exact);
    }

    [Theory]
    [InlineData("my favourite colour is red", "my favorite color is blue", "what's my favourite colour?")]
    [InlineData("my favorite color is red", "my favourite colour is blue", "what is my favorite color")]
    [InlineData("my favourite colour is red", "my favorite color is blue", "what do you know about me?")]
    [InlineData("my favorite colors are red and green", "my favorite color is blue", "what are my favorites?")]
    public async Task a_favorite_in_another_spelling_overrides_the_earlier_one(string first, string second, string question)
    {
        var conversation = new Conversation();

        await conversation.SendAsync(first);
        await conversation.SendAsync(second);
        var reply = await conversation.SendAsync(question);

        Assert.Contains("blue", reply, Exact);
        Assert.DoesNotContain("red", reply, Exact);
        Assert.Single(conversation.Context.Favorites);
    }

    [Theory]
    [InlineData("remember: buy milk", "I'll remember “buy milk”.")]
    [InlineData("please remember call mom on Sunday", "I'll remember “call mom on Sunday”.")]
    [InlineData("remember to buy milk", "I'll remember to buy milk.")]
    [InlineData("remember that my keys are in the drawer", "I'll remember that your keys are in the drawer.")]
    [InlineData("remember that mom's birthday is in May", "I'll remember that mom's birthday is in May.")]
    [InlineData("remember that Tom is my brother", "I'll remember that Tom is your brother.")]
    public async Task a_fact_is_acknowledged_as_a_statement_or_as_a_note(string message, string expected)
    {
        var reply = await new Conversation().SendAsync(message);

        Assert.Contains(expected, reply, Exact);
    }

    [Theory]
    [InlineData("my favorite colors are blue and green", "I'll remember that your favorite colors are blue and green.")]
    [InlineData("what are my favorite colors?", "Your favorite colors are blue and green.")]
    [InlineData("what do you know about me?", "your favorite colors are blue and green")]
    public async Task a_favorite_with_a_plural_topic_is_said_with_are(string message, string expected)
    {
        var conversation = new Conversation();
        await conversation.SendAsync("my favorite colors are blue and green");

        var reply = await conversation.SendAsync(message);

        Assert.Contains(expected, reply, Exact);
    }

    [Theory]
    [InlineData("my favourite colour is red", "my favorite color is blue", "color")]
    [InlineData("my favorite color is red", "my favourite colour is blue", "colour")]
    [InlineData("my favorite colors are red and green", "My favorite Color is blue", "color")]
    public async Task a_favorite_in_another_spelling_is_kept_under_the_latest_spelling_without_saying_it_was_forgotten(
        string first, string second, string topic)
    {
        var conversation = new Conversation();

        await conversation.SendAsync(first);
        var reply = await conversation.SendAsync(second);

        Assert.Equal(topic, Assert.Single(conversation.Context.Favorites).Key);
        Assert.Equal("blue", conversation.Context.Favorites[topic]);
        Assert.DoesNotContain("forgot", reply, Exact);
    }

    [Theory]
    [InlineData("my favourite colour is red", "my favorite color is blue", "your favorite color is blue")]
    [InlineData("my favorite color is red", "my favourite colour is blue", "your favourite colour is blue")]
    [InlineData("my favourite colour is red", "forget my favorite color", "forgotten your favorite color")]
    public async Task an_acknowledgement_keeps_the_spelling_of_the_message(string first, string second, string expected)
    {
        var conversation = new Conversation();

        await conversation.SendAsync(first);
        var reply = await conversation.SendAsync(second);

        Assert.Contains(expected, reply, Exact);
    }

    [Theory]
    [InlineData("I like tea, coffee, or cake", "what do I like", new[] { "tea", "coffee", "cake" })]
    [InlineData("I like tea, and coffee", "what do I like", new[] { "tea", "coffee" })]
    public async Task the_last_item_of_a_list_after_a_comma_is_recalled(string statement, string question, string[] items)
    {
        var conversation = new Conversation();

        await conversation.SendAsync(statement);
        var reply = await conversation.SendAsync(question);

        Assert.All(items, item => Assert.Contains(item, reply, Exact));
    }

    private static void AddRows(TheoryData<string, string, string> rows, string[] statements, string[] questions, string[] values)
    {
        foreach (var statement in statements)
            foreach (var question in questions)
                foreach (var value in values)
                    rows.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, statement, value), question, value);
    }

    /// <summary>Stands in for the session grain: the same steps, in memory.</summary>
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
            var changes = _understanding.Understand(text, Context);
            foreach (var change in changes)
                Context = change.ApplyTo(Context);

            var request = new ReplyRequest(text, Context, changes, [.. _turns.TakeLast(RecentTurnWindow)], UserMessageCount, FirstUserMessage);
            var reply = await _generator.GenerateReplyAsync(request, CancellationToken.None);

            FirstUserMessage ??= text;
            UserMessageCount++;
            _turns.Add(new ConversationTurn(TurnRoles.User, text, DateTimeOffset.UnixEpoch));
            _turns.Add(new ConversationTurn(TurnRoles.Assistant, reply, DateTimeOffset.UnixEpoch));
            return reply;
        }
    }
}
