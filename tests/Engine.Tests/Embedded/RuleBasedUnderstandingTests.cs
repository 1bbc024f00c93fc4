using Orleans.Conversations.Engine;
using Orleans.Conversations.Engine.Embedded;
using Xunit;

namespace Orleans.Conversations.Engine.Tests.Embedded;

public sealed class RuleBasedUnderstandingTests
{
    private readonly RuleBasedUnderstanding _understanding = new();

    [Fact]
    public void a_favorite_in_another_spelling_replaces_the_topic_already_known_with_its_own_spelling()
    {
        var known = SessionContext.Empty.With(ContextKeys.Favorite("colour"), "red");

        var changes = _understanding.ChangesOf("my favorite color is blue", known);

        Assert.Equal([ContextChange.Forget(ContextKeys.Favorite("colour")), ContextChange.Remember(ContextKeys.Favorite("color"), "blue")], changes);
    }

    [Fact]
    public void a_favorite_told_again_in_the_same_spelling_is_stored_under_the_same_key()
    {
        var known = SessionContext.Empty.With(ContextKeys.Favorite("colour"), "red");

        var changes = _understanding.ChangesOf("My favourite Colour is blue", known);

        Assert.Equal([ContextChange.Remember(ContextKeys.Favorite("colour"), "blue")], changes);
    }

    [Fact]
    public void a_favorite_list_with_a_comma_before_its_last_and_keeps_every_item()
    {
        var changes = _understanding.ChangesOf("my favorite foods are pizza, sushi, and tacos", SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Favorite("foods"), "pizza, sushi, and tacos")], changes);
    }

    [Fact]
    public void a_statement_after_a_list_item_with_no_subject_still_counts_on_its_own()
    {
        var changes = _understanding.ChangesOf("I like tea, and a lot of biscuits, and I live in Paris", SessionContext.Empty);

        Assert.Equal(
            [ContextChange.Remember(ContextKeys.Likes, "tea, and a lot of biscuits"), ContextChange.Remember(ContextKeys.Location, "Paris")],
            changes);
    }

    [Fact]
    public void a_statement_after_a_comma_and_still_counts_on_its_own()
    {
        var changes = _understanding.ChangesOf("I like tea, coffee, and I live in Paris", SessionContext.Empty);

        Assert.Equal(
            [ContextChange.Remember(ContextKeys.Likes, "tea, coffee"), ContextChange.Remember(ContextKeys.Location, "Paris")],
            changes);
    }

    [Fact]
    public void each_bulleted_line_is_read()
    {
        var changes = _understanding.ChangesOf("• I like tea\n• I live in Paris\n- I love chess", SessionContext.Empty);

        Assert.Equal(
            [
                ContextChange.Remember(ContextKeys.Likes, "tea"),
                ContextChange.Remember(ContextKeys.Location, "Paris"),
                ContextChange.Remember(ContextKeys.Likes, "chess"),
            ],
            changes);
    }

    [Fact]
    public void forget_everything_forgets_every_key_the_context_holds()
    {
        var context = Everything();

        var changes = _understanding.ChangesOf("forget everything", context);

        Assert.Equal(context.Keys.Select(ContextChange.Forget), changes);
        Assert.True(Apply(context, changes).IsEmpty);
    }

    [Fact]
    public void several_statements_in_one_message_each_count()
    {
        var changes = _understanding.ChangesOf(
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
        var changes = _understanding.ChangesOf("I'm Ada from São Paulo", SessionContext.Empty);

        Assert.Equal(
            [ContextChange.Remember(ContextKeys.Name, "Ada"), ContextChange.Remember(ContextKeys.Location, "São Paulo")],
            changes);
    }

    [Fact]
    public void a_later_statement_in_the_same_message_overrides_an_earlier_one()
    {
        var changes = _understanding.ChangesOf("My name is Ada. Actually, call me Grace.", SessionContext.Empty);

        Assert.Equal("Grace", Apply(SessionContext.Empty, changes).Name);
    }

    [Fact]
    public void a_statement_then_forgetting_it_in_the_same_message_leaves_nothing()
    {
        var changes = _understanding.ChangesOf("My name is Ada. Forget my name.", SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Name, "Ada"), ContextChange.Forget(ContextKeys.Name)], changes);
        Assert.Null(Apply(SessionContext.Empty, changes).Name);
    }

    [Fact]
    public void a_statement_repeated_in_one_message_is_recorded_once()
    {
        var changes = _understanding.ChangesOf("I like tea, I like tea, I like TEA", SessionContext.Empty);

        Assert.Equal([ContextChange.Remember(ContextKeys.Likes, "tea")], changes);
    }

    [Fact]
    public void a_long_message_is_read_quickly_and_still_understood()
    {
        var text = string.Concat(Enumerable.Repeat("I like tea, and ", 500)) + "my name is Ada";
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var changes = _understanding.ChangesOf(text, SessionContext.Empty);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal("Ada", Apply(SessionContext.Empty, changes).Name);
    }

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
