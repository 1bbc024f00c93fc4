using Orleans.Conversations.Engine;
using Orleans.Conversations.Engine.Embedded;
using Xunit;

namespace Orleans.Conversations.Engine.Tests.Embedded;

public sealed class RuleBasedUnderstandingTests
{
    private readonly RuleBasedUnderstanding _understanding = new();

    [Theory]
    [InlineData("my name is Ada", "Ada")]
    [InlineData("call me Ada", "Ada")]
    [InlineData("My name is Ada.", "Ada")]
    [InlineData("Call me Ada!", "Ada")]
    [InlineData("MY NAME IS Ada", "Ada")]
    [InlineData("my name is ada", "ada")]
    [InlineData("   my    name   is    Ada   ", "Ada")]
    [InlineData("Hi, my name is Ada", "Ada")]
    [InlineData("hello! my name is Ada", "Ada")]
    [InlineData("Hey there, call me Ada.", "Ada")]
    [InlineData("well, my name is Ada", "Ada")]
    [InlineData("Good morning! My name is Ada!!!", "Ada")]
    [InlineData("my name's Ada", "Ada")]
    [InlineData("My name is: Ada", "Ada")]
    [InlineData("you can call me Ada", "Ada")]
    [InlineData("everyone calls me Ada", "Ada")]
    [InlineData("Could you call me Ada?", "Ada")]
    [InlineData("I'm called Ada", "Ada")]
    [InlineData("my name is Ada Lovelace", "Ada Lovelace")]
    [InlineData("My name is Ada, what's yours?", "Ada")]
    [InlineData("my name is Ada 😊", "Ada")]
    [InlineData("my name is Zoë", "Zoë")]
    [InlineData("call me Jean-Luc", "Jean-Luc")]
    [InlineData("My name is O'Brien.", "O'Brien")]
    [InlineData("My name is O’Brien.", "O’Brien")]
    [InlineData("my name is José María", "José María")]
    [InlineData("my name is 東京", "東京")]
    [InlineData("My name is J. R. R. Tolkien", "J. R. R. Tolkien")]
    [InlineData("my name is Dr. Ada Lovelace", "Dr. Ada Lovelace")]
    [InlineData("Call me Mrs. Robinson.", "Mrs. Robinson")]
    [InlineData("I'm Prof. Moriarty", "Prof. Moriarty")]
    [InlineData("my name is Martin Luther King Jr.", "Martin Luther King Jr")]
    public void name_is_remembered_from_my_name_is_and_call_me(string text, string name)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Name, name)], changes);
    }

    [Theory]
    [InlineData("Hey 👋 my name is Zoë", "Zoë")]
    [InlineData("👋 my name is Zoë", "Zoë")]
    [InlineData("😊😊 call me Jean-Luc", "Jean-Luc")]
    [InlineData("• My name is Ada", "Ada")]
    [InlineData("👋🏽 Hi! ✨ I'm Zoë", "Zoë")]
    [InlineData("🙋‍♀️ my name is 東京", "東京")]
    public void a_leading_emoji_or_bullet_does_not_hide_a_name(string text, string name)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Name, name)], changes);
    }

    [Theory]
    [InlineData("my name is \"Ada\"", "Ada")]
    [InlineData("My name is “Zoë”.", "Zoë")]
    [InlineData("call me 'Ada'", "Ada")]
    [InlineData("call me ‘Jean-Luc’!", "Jean-Luc")]
    [InlineData("my name is \"Ada Lovelace\"", "Ada Lovelace")]
    [InlineData("my name is «Zoë»", "Zoë")]
    [InlineData("my name is \"O'Brien\"", "O'Brien")]
    public void a_quoted_name_is_remembered_without_its_quotes(string text, string name)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Name, name)], changes);
    }

    [Theory]
    [InlineData("I live in \"São Paulo\"", ContextKeys.Location, "São Paulo")]
    [InlineData("I'm from “東京”", ContextKeys.Location, "東京")]
    [InlineData("I like 'Star Wars'", ContextKeys.Likes, "Star Wars")]
    [InlineData("I like \"tea\", \"coffee\"", ContextKeys.Likes, "\"tea\", \"coffee\"")]
    [InlineData("I love “jazz” and “blues”", ContextKeys.Likes, "“jazz” and “blues”")]
    public void quotes_around_a_value_are_dropped_only_as_a_pair(string text, string key, string value)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(key, value)], changes);
    }

    [Theory]
    [InlineData("Call me Grace instead", "Grace")]
    [InlineData("You can call me Ada again", "Ada")]
    [InlineData("call me Bo then", "Bo")]
    [InlineData("ok call me Bo anyway", "Bo")]
    [InlineData("call me Grace Hopper instead, please", "Grace Hopper")]
    [InlineData("my name is actually Grace", "Grace")]
    [InlineData("My name is really Zoë!", "Zoë")]
    [InlineData("I'm Grace instead", "Grace")]
    public void a_name_correction_keeps_only_the_name(string text, string name)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Name, name)], changes);
    }

    [Theory]
    [InlineData("my name is actually not important")]
    [InlineData("my name is really long")]
    [InlineData("call me again")]
    public void a_correction_word_alone_is_not_a_name(string text)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.DoesNotContain(changes, change => change.Key == ContextKeys.Name);
    }

    [Theory]
    [InlineData("I'm Ada", "Ada")]
    [InlineData("I am Ada.", "Ada")]
    [InlineData("Hi, I'm Ada", "Ada")]
    [InlineData("Hey there! I'm Ada Lovelace, nice to meet you", "Ada Lovelace")]
    [InlineData("Hello, I’m Zoë!", "Zoë")]
    [InlineData("I'm Ludwig van Beethoven", "Ludwig van Beethoven")]
    public void name_is_remembered_from_a_bare_i_am_followed_by_a_capitalized_name(string text, string name)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Name, name)], changes);
    }

    [Theory]
    [InlineData("I am tired")]
    [InlineData("I'm tired")]
    [InlineData("I AM TIRED")]
    [InlineData("I'm Italian")]
    [InlineData("I'm Not Sure")]
    [InlineData("I am a developer")]
    [InlineData("I'm happy today")]
    [InlineData("i'm 42")]
    [InlineData("I'm Ada's friend")]
    [InlineData("call me later")]
    [InlineData("call me tomorrow, please")]
    [InlineData("Call me crazy, but I like rain")]
    [InlineData("my name is not important")]
    [InlineData("I'm from Paris")]
    public void ordinary_sentences_about_oneself_are_not_taken_for_a_name(string text)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.DoesNotContain(changes, change => change.Key == ContextKeys.Name);
    }

    [Theory]
    [InlineData("I live in London", "London")]
    [InlineData("I'm from London", "London")]
    [InlineData("I am from London", "London")]
    [InlineData("I’m from London", "London")]
    [InlineData("Im from London", "London")]
    [InlineData("i LIVE in London.", "London")]
    [InlineData("hello! i live in São Paulo", "São Paulo")]
    [InlineData("i am from são paulo!!!", "são paulo")]
    [InlineData("I live in   São    Paulo  .", "São Paulo")]
    [InlineData("I live in 東京", "東京")]
    [InlineData("I live in Bosnia and Herzegovina", "Bosnia and Herzegovina")]
    [InlineData("I'm from Trinidad and Tobago.", "Trinidad and Tobago")]
    [InlineData("I live in London, England.", "London, England")]
    [InlineData("I live in London, it's lovely", "London")]
    [InlineData("I'm from Paris, and you?", "Paris")]
    [InlineData("I live in St. Louis", "St. Louis")]
    [InlineData("I live in London now", "London")]
    [InlineData("I live in London with my wife", "London")]
    [InlineData("I come from Lisbon", "Lisbon")]
    [InlineData("I'm based in Berlin", "Berlin")]
    [InlineData("I moved to Oslo", "Oslo")]
    [InlineData("I live in London 🇬🇧", "London")]
    [InlineData("i'm from Rio :)", "Rio")]
    public void location_is_remembered_from_i_live_in_and_i_am_from(string text, string location)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Location, location)], changes);
    }

    [Theory]
    [InlineData("I like tea", new[] { "tea" })]
    [InlineData("I love chess", new[] { "chess" })]
    [InlineData("I enjoy hiking", new[] { "hiking" })]
    [InlineData("i LIKE Tea!", new[] { "Tea" })]
    [InlineData("I like tea, and I love chess", new[] { "tea", "chess" })]
    [InlineData("I like tea and I love chess and I enjoy long walks.", new[] { "tea", "chess", "long walks" })]
    [InlineData("I like tea. I love chess!", new[] { "tea", "chess" })]
    [InlineData("I like tea, coffee and cake", new[] { "tea, coffee and cake" })]
    [InlineData("I like Simon and Garfunkel", new[] { "Simon and Garfunkel" })]
    [InlineData("I really love jazz too!", new[] { "jazz" })]
    [InlineData("I like tea a lot", new[] { "tea" })]
    [InlineData("I like tea but I hate coffee", new[] { "tea" })]
    [InlineData("I'm a big fan of crème brûlée", new[] { "crème brûlée" })]
    [InlineData("Well, I enjoy cooking when I have time", new[] { "cooking" })]
    [InlineData("I love tea 😍😍", new[] { "tea" })]
    [InlineData("I like 🍕", new[] { "🍕" })]
    public void each_like_adds_one_value_in_order(string text, string[] likes)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal(likes.Select(like => ContextChange.Remember(ContextKeys.Likes, like)), changes);
    }

    [Theory]
    [InlineData("I like tea, coffee, and cake", new[] { "tea, coffee, and cake" })]
    [InlineData("I love hiking, chess, and crème brûlée!", new[] { "hiking, chess, and crème brûlée" })]
    [InlineData("I like tea, coffee, and cake, and I love chess", new[] { "tea, coffee, and cake", "chess" })]
    [InlineData("I like tea, coffee, and thanks for asking", new[] { "tea, coffee" })]
    [InlineData("I like tea, and that's it", new[] { "tea" })]
    public void a_list_with_a_comma_before_its_last_and_keeps_every_item(string text, string[] likes)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal(likes.Select(like => ContextChange.Remember(ContextKeys.Likes, like)), changes);
    }

    [Theory]
    [InlineData("I like tea, coffee, or cake", new[] { "tea, coffee, or cake" })]
    [InlineData("I like tea, or coffee", new[] { "tea, or coffee" })]
    [InlineData("I like tea, and coffee", new[] { "tea, and coffee" })]
    [InlineData("I love hiking, and crème brûlée!", new[] { "hiking, and crème brûlée" })]
    [InlineData("I like tea, and coffee, and I love chess", new[] { "tea, and coffee", "chess" })]
    [InlineData("I like tea, or that's what I thought", new[] { "tea" })]
    [InlineData("I like tea, and sometimes I go hiking", new[] { "tea" })]
    [InlineData("I like tea, and honestly it makes my whole day better", new[] { "tea" })]
    [InlineData("I like tea, and a lot of biscuits", new[] { "tea, and a lot of biscuits" })]
    [InlineData("I love chess, and long walks on the beach.", new[] { "chess, and long walks on the beach" })]
    [InlineData("I like tea, or a nice cup of coffee", new[] { "tea, or a nice cup of coffee" })]
    [InlineData("I like tea, and went home early", new[] { "tea" })]
    [InlineData("I like tea, and then went home", new[] { "tea" })]
    [InlineData("I like tea, and was happy about it", new[] { "tea" })]
    [InlineData("I like tea, and will try coffee next", new[] { "tea" })]
    public void a_list_ending_in_a_comma_and_or_or_keeps_its_last_item(string text, string[] likes)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal(likes.Select(like => ContextChange.Remember(ContextKeys.Likes, like)), changes);
    }

    [Fact]
    public void a_favorite_in_another_spelling_replaces_the_topic_already_known_with_its_own_spelling()
    {
        var known = SessionContext.Empty.With(ContextKeys.Favorite("colour"), "red");

        var changes = _understanding.Understand("my favorite color is blue", known);

        Assert.Equal([ContextChange.Forget(ContextKeys.Favorite("colour")), ContextChange.Remember(ContextKeys.Favorite("color"), "blue")], changes);
    }

    [Fact]
    public void a_favorite_told_again_in_the_same_spelling_is_stored_under_the_same_key()
    {
        var known = SessionContext.Empty.With(ContextKeys.Favorite("colour"), "red");

        var changes = _understanding.Understand("My favourite Colour is blue", known);

        Assert.Equal([ContextChange.Remember(ContextKeys.Favorite("colour"), "blue")], changes);
    }

    [Fact]
    public void a_favorite_list_with_a_comma_before_its_last_and_keeps_every_item()
    {
        var changes = _understanding.Understand("my favorite foods are pizza, sushi, and tacos", SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Favorite("foods"), "pizza, sushi, and tacos")], changes);
    }

    [Fact]
    public void a_statement_after_a_list_item_with_no_subject_still_counts_on_its_own()
    {
        var changes = _understanding.Understand("I like tea, and a lot of biscuits, and I live in Paris", SessionContext.Empty);

        Assert.Equal(
            [ContextChange.Remember(ContextKeys.Likes, "tea, and a lot of biscuits"), ContextChange.Remember(ContextKeys.Location, "Paris")],
            changes);
    }

    [Fact]
    public void a_statement_after_a_comma_and_still_counts_on_its_own()
    {
        var changes = _understanding.Understand("I like tea, coffee, and I live in Paris", SessionContext.Empty);

        Assert.Equal(
            [ContextChange.Remember(ContextKeys.Likes, "tea, coffee"), ContextChange.Remember(ContextKeys.Location, "Paris")],
            changes);
    }

    [Theory]
    [InlineData("I like it")]
    [InlineData("I love you")]
    [InlineData("I like how you think")]
    [InlineData("I'd like a coffee")]
    [InlineData("I don't like tea")]
    public void pronouns_and_other_verbs_are_not_taken_for_a_like(string text)
    {
        Assert.Empty(_understanding.Understand(text, SessionContext.Empty));
    }

    [Theory]
    [InlineData("😊 I like tea", ContextKeys.Likes, "tea")]
    [InlineData("• I live in Paris", ContextKeys.Location, "Paris")]
    [InlineData("* I live in São Paulo", ContextKeys.Location, "São Paulo")]
    [InlineData("🇫🇷 I'm from Paris", ContextKeys.Location, "Paris")]
    [InlineData("✅ remember that the code is 1234", ContextKeys.Facts, "the code is 1234")]
    [InlineData("→ my favorite color is blue", "favorite.color", "blue")]
    [InlineData("𠮷野家 is my favorite restaurant", "favorite.restaurant", "𠮷野家")]
    public void a_leading_emoji_or_bullet_does_not_hide_a_statement(string text, string key, string value)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(key, value)], changes);
    }

    [Theory]
    [InlineData("#1 is my favorite number", "favorite.number", "#1")]
    [InlineData("$5 is my favorite price", "favorite.price", "$5")]
    [InlineData("*NSYNC is my favorite band", "favorite.band", "*NSYNC")]
    [InlineData("@home is my favorite place", "favorite.place", "@home")]
    public void a_value_that_opens_with_a_symbol_keeps_it(string text, string key, string value)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(key, value)], changes);
    }

    [Fact]
    public void each_bulleted_line_is_read()
    {
        var changes = _understanding.Understand("• I like tea\n• I live in Paris\n- I love chess", SessionContext.Empty);

        Assert.Equal(
            [
                ContextChange.Remember(ContextKeys.Likes, "tea"),
                ContextChange.Remember(ContextKeys.Location, "Paris"),
                ContextChange.Remember(ContextKeys.Likes, "chess"),
            ],
            changes);
    }

    [Theory]
    [InlineData("my favorite color is blue", "color", "blue")]
    [InlineData("my favourite colour is green", "colour", "green")]
    [InlineData("My Favorite Color is Blue.", "color", "Blue")]
    [InlineData("Hi! My favorite food is pizza!", "food", "pizza")]
    [InlineData("my favorite ice cream flavor is mint", "ice cream flavor", "mint")]
    [InlineData("my fave band's Queen", "band", "Queen")]
    [InlineData("my all-time favorite movie is Amélie", "movie", "Amélie")]
    [InlineData("blue is my favorite color", "color", "blue")]
    public void favorite_is_remembered_under_its_topic(string text, string topic, string value)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Favorite(topic), value)], changes);
    }

    [Theory]
    [InlineData("remember that my sister is called Eve", "my sister is called Eve")]
    [InlineData("please remember I park on level 2", "I park on level 2")]
    [InlineData("Please remember that my locker code is 4321.", "my locker code is 4321")]
    [InlineData("remember my dentist is Dr. Gomez", "my dentist is Dr. Gomez")]
    [InlineData("Remember: the wifi password is hunter2", "the wifi password is hunter2")]
    [InlineData("don't forget that I have a meeting at 5", "I have a meeting at 5")]
    [InlineData("Can you remember that I'm allergic to nuts?", "I'm allergic to nuts")]
    [InlineData("Remember that I'm vegan, ok?", "I'm vegan")]
    [InlineData("hey, remember that Zoë's birthday is in Août", "Zoë's birthday is in Août")]
    public void fact_is_remembered_from_remember_that_and_please_remember(string text, string fact)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Facts, fact)], changes);
    }

    [Theory]
    [InlineData("Remember, my name is Ada", new[] { "facts=my name is Ada", "name=Ada" })]
    [InlineData("remember that my name is Ada", new[] { "facts=my name is Ada", "name=Ada" })]
    [InlineData("Remember, I like tea", new[] { "facts=I like tea", "likes=tea" })]
    [InlineData("Please remember, my dog is Rex.", new[] { "facts=my dog is Rex" })]
    [InlineData("please remember: I live in Oslo", new[] { "facts=I live in Oslo", "location=Oslo" })]
    [InlineData("Remember that my favourite colour is green", new[] { "facts=my favourite colour is green", "favorite.colour=green" })]
    [InlineData("Don't forget, I park on level 2", new[] { "facts=I park on level 2" })]
    [InlineData("hi! remember, I like tea, and I live in Paris", new[] { "facts=I like tea", "likes=tea", "location=Paris" })]
    public void a_fact_is_remembered_after_any_remember_form_and_what_it_states_is_remembered_too(string text, string[] expected)
    {
        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.Equal(expected, changes.Select(change => $"{change.Key}={change.Value}"));
    }

    [Theory]
    [InlineData("remember that")]
    [InlineData("remember me?")]
    [InlineData("remember when we met?")]
    [InlineData("please remember my name")]
    [InlineData("do you remember that I like tea?")]
    public void remember_without_anything_to_remember_teaches_nothing(string text)
    {
        Assert.Empty(_understanding.Understand(text, SessionContext.Empty));
    }

    [Theory]
    [InlineData("forget my name", new[] { ContextKeys.Name })]
    [InlineData("Please forget my name.", new[] { ContextKeys.Name })]
    [InlineData("can you forget my name?", new[] { ContextKeys.Name })]
    [InlineData("forget where I live", new[] { ContextKeys.Location })]
    [InlineData("forget where I'm from", new[] { ContextKeys.Location })]
    [InlineData("forget what I like", new[] { ContextKeys.Likes })]
    [InlineData("forget my favorite color", new[] { "favorite.color" })]
    [InlineData("forget my favourite colours", new[] { "favorite.color" })]
    [InlineData("forget what I told you to remember", new[] { ContextKeys.Facts })]
    [InlineData("forget my name and where I live", new[] { ContextKeys.Name, ContextKeys.Location })]
    [InlineData("forget all my favorites", new[] { "favorite.color", "favorite.food" })]
    [InlineData("forget everything", new[] { ContextKeys.Name, ContextKeys.Location, ContextKeys.Likes, "favorite.color", "favorite.food", ContextKeys.Facts })]
    [InlineData("I want you to forget my name", new[] { ContextKeys.Name })]
    [InlineData("I'd like you to forget where I live", new[] { ContextKeys.Location })]
    [InlineData("I need you to forget what I like.", new[] { ContextKeys.Likes })]
    [InlineData("please forget where I live", new[] { ContextKeys.Location })]
    [InlineData("could you please forget my name?", new[] { ContextKeys.Name })]
    [InlineData("ok then, forget my name", new[] { ContextKeys.Name })]
    [InlineData("you should forget where I'm from", new[] { ContextKeys.Location })]
    [InlineData("go ahead and forget my favorite color", new[] { "favorite.color" })]
    [InlineData("then forget everything", new[] { ContextKeys.Name, ContextKeys.Location, ContextKeys.Likes, "favorite.color", "favorite.food", ContextKeys.Facts })]
    [InlineData("Forget everything you know about me!", new[] { ContextKeys.Name, ContextKeys.Location, ContextKeys.Likes, "favorite.color", "favorite.food", ContextKeys.Facts })]
    public void forgetting_names_the_keys_to_forget(string text, string[] keys)
    {
        var changes = _understanding.Understand(text, Everything());

        Assert.Equal(keys.Select(ContextChange.Forget), changes);
    }

    [Fact]
    public void forget_everything_forgets_every_key_the_context_holds()
    {
        var context = Everything();

        var changes = _understanding.Understand("forget everything", context);

        Assert.Equal(context.Keys.Select(ContextChange.Forget), changes);
        Assert.True(Apply(context, changes).IsEmpty);
    }

    [Theory]
    [InlineData("forget my name")]
    [InlineData("forget where I live")]
    [InlineData("forget my favorite color")]
    [InlineData("forget everything")]
    public void forgetting_what_is_not_known_changes_nothing(string text)
    {
        Assert.Empty(_understanding.Understand(text, SessionContext.Empty));
    }

    [Theory]
    [InlineData("don't forget my name is Ada")]
    [InlineData("I forget things")]
    [InlineData("did you forget my name?")]
    [InlineData("forget it")]
    public void sentences_that_merely_mention_forgetting_forget_nothing(string text)
    {
        var changes = _understanding.Understand(text, Everything());

        Assert.DoesNotContain(changes, change => change.IsForget);
    }

    [Theory]
    [InlineData("what is my name")]
    [InlineData("what's my name?")]
    [InlineData("do you know my name?")]
    [InlineData("who am I")]
    [InlineData("is my name Ada?")]
    [InlineData("my name is Ada?")]
    [InlineData("where do I live")]
    [InlineData("where am I from?")]
    [InlineData("what do I like?")]
    [InlineData("what do I love")]
    [InlineData("do I like tea?")]
    [InlineData("I like tea?")]
    [InlineData("what is my favorite color?")]
    [InlineData("what's my favourite colour")]
    [InlineData("what do you remember?")]
    [InlineData("what do you know about me?")]
    [InlineData("what was my first message")]
    [InlineData("how many messages have I sent")]
    [InlineData("hello")]
    [InlineData("thanks")]
    public void questions_and_small_talk_teach_nothing(string text)
    {
        Assert.Empty(_understanding.Understand(text, SessionContext.Empty));
    }

    [Fact]
    public void several_statements_in_one_message_each_count()
    {
        var changes = _understanding.Understand(
            "Hi! My name is Ada and I live in London. I like tea, and I love chess; my favorite color is blue.",
            SessionContext.Empty);

        Assert.Equal(
            [
                ContextChange.Remember(ContextKeys.Name, "Ada"),
                ContextChange.Remember(ContextKeys.Location, "London"),
                ContextChange.Remember(ContextKeys.Likes, "tea"),
                ContextChange.Remember(ContextKeys.Likes, "chess"),
                ContextChange.Remember(ContextKeys.Favorite("color"), "blue"),
            ],
            changes);
    }

    [Fact]
    public void a_name_followed_by_from_also_gives_the_place()
    {
        var changes = _understanding.Understand("I'm Ada from São Paulo", SessionContext.Empty);

        Assert.Equal(
            [ContextChange.Remember(ContextKeys.Name, "Ada"), ContextChange.Remember(ContextKeys.Location, "São Paulo")],
            changes);
    }

    [Fact]
    public void a_later_statement_in_the_same_message_overrides_an_earlier_one()
    {
        var changes = _understanding.Understand("My name is Ada. Actually, call me Grace.", SessionContext.Empty);

        Assert.Equal("Grace", Apply(SessionContext.Empty, changes).Name);
    }

    [Fact]
    public void a_statement_then_forgetting_it_in_the_same_message_leaves_nothing()
    {
        var changes = _understanding.Understand("My name is Ada. Forget my name.", SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Name, "Ada"), ContextChange.Forget(ContextKeys.Name)], changes);
        Assert.Null(Apply(SessionContext.Empty, changes).Name);
    }

    [Fact]
    public void a_statement_repeated_in_one_message_is_recorded_once()
    {
        var changes = _understanding.Understand("I like tea, I like tea, I like TEA", SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Likes, "tea")], changes);
    }

    [Theory]
    [MemberData(nameof(OddInputs))]
    public void odd_input_is_read_without_throwing_and_teaches_nothing(string text)
    {
        var changes = _understanding.Understand(text, Everything());

        Assert.Empty(changes);
    }

    [Fact]
    public void a_long_message_is_read_quickly_and_still_understood()
    {
        var text = string.Concat(Enumerable.Repeat("I like tea, and ", 500)) + "my name is Ada";
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var changes = _understanding.Understand(text, SessionContext.Empty);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal("Ada", Apply(SessionContext.Empty, changes).Name);
    }

    public static TheoryData<string> OddInputs() => new()
    {
        "",
        "   ",
        "\t\r\n",
        "\0\u0007\u001b",
        "😀😀😀",
        "?!.,;:",
        "…",
        new string('x', 8000),
        new string('?', 8000),
        new string(' ', 8000),
        string.Concat(Enumerable.Repeat("and ", 2000)),
        string.Concat(Enumerable.Repeat("I'm ", 2000)),
        string.Concat(Enumerable.Repeat("remember that ", 570)),
        string.Concat(Enumerable.Repeat("my name is ", 720)),
        string.Concat(Enumerable.Repeat(". ", 4000)),
        string.Concat(Enumerable.Repeat("\n", 8000)),
        "I like " + new string('a', 7990),
        new string(Enumerable.Range(0, 8000).Select(i => (char)(0x2000 + (i * 7919 % 0x0FFF))).ToArray()),
    };

    private static SessionContext Everything() => SessionContext.Empty
        .With(ContextKeys.Name, "Ada")
        .With(ContextKeys.Location, "London")
        .With(ContextKeys.Likes, "tea")
        .With(ContextKeys.Favorite("color"), "blue")
        .With(ContextKeys.Favorite("food"), "pizza")
        .With(ContextKeys.Facts, "my sister is Eve");

    private static SessionContext Apply(SessionContext context, IEnumerable<ContextChange> changes) =>
        changes.Aggregate(context, (ctx, change) => change.ApplyTo(ctx));
}
