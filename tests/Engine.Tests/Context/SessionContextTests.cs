using Orleans.Conversations.Engine;
using System.Globalization;
using Xunit;

namespace Orleans.Conversations.Engine.Tests.Context;

public sealed class SessionContextTests
{
    [Fact]
    public void likes_never_exceed_their_limit_and_the_oldest_is_forgotten_first()
    {
        var context = Add(SessionContext.Empty, ContextKeys.Likes, 500);

        Assert.Equal(SessionContext.MaxLikes, context.Likes.Count);
        Assert.Equal(Item(500 - SessionContext.MaxLikes), context.Likes[0]);
        Assert.Equal(Item(499), context.Likes[^1]);
    }

    [Fact]
    public void facts_never_exceed_their_limit_and_the_oldest_is_forgotten_first()
    {
        var context = Add(SessionContext.Empty, ContextKeys.Facts, 500);

        Assert.Equal(SessionContext.MaxFacts, context.Facts.Count);
        Assert.Equal(Item(500 - SessionContext.MaxFacts), context.Facts[0]);
        Assert.Equal(Item(499), context.Facts[^1]);
    }

    [Fact]
    public void pets_never_exceed_their_limit_and_the_oldest_is_forgotten_first_and_a_long_one_is_cut()
    {
        var context = Add(SessionContext.Empty, ContextKeys.Pets, 500).With(ContextKeys.Pets, new string('r', 500) + " (dog)");

        Assert.Equal(SessionContext.MaxPets, context.List(ContextKeys.Pets).Count);
        Assert.Equal(Item(500 - SessionContext.MaxPets + 1), context.List(ContextKeys.Pets)[0]);
        Assert.Equal(SessionContext.MaxValueLength, context.List(ContextKeys.Pets)[^1].Length);
        Assert.EndsWith("…", context.List(ContextKeys.Pets)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void a_later_job_replaces_the_earlier_one_and_forgetting_it_leaves_none()
    {
        var context = SessionContext.Empty.With(ContextKeys.Job, "a nurse").With(ContextKeys.Job, "a pilot");

        Assert.Equal("a pilot", context.Value(ContextKeys.Job));
        Assert.Null(context.Without(ContextKeys.Job).Value(ContextKeys.Job));
        Assert.True(context.Without(ContextKeys.Job).IsEmpty);
    }

    [Fact]
    public void favorites_never_exceed_their_limit_and_the_least_recently_told_is_forgotten_first()
    {
        var context = SessionContext.Empty;
        for (var i = 0; i < SessionContext.MaxFavorites; i++)
            context = context.With(ContextKeys.Favorite(Item(i)), "blue");

        context = context.With(ContextKeys.Favorite(Item(0)), "green").With(ContextKeys.Favorite("new topic"), "red");

        Assert.Equal(SessionContext.MaxFavorites, context.Favorites.Count);
        Assert.Equal("green", context.Favorites[Item(0)]);
        Assert.False(context.Favorites.ContainsKey(Item(1)));
        Assert.Equal("red", context.Favorites["new topic"]);
        Assert.Equal([Item(2), Item(3)], context.FavoriteTopicsOldestFirst().Take(2));
    }

    [Fact]
    public void a_favorite_kept_before_the_order_was_counts_as_the_oldest()
    {
        var context = SessionContext.Empty;
        for (var i = 0; i < SessionContext.MaxFavorites; i++)
            context = context.With(ContextKeys.Favorite(Item(i)), "blue");
        context = context with { Favorites = context.Favorites.SetItem("legacy", "tea"), FavoriteOrder = context.FavoriteOrder.RemoveAt(0) };

        context = context.With(ContextKeys.Favorite("new topic"), "red");

        Assert.Equal(SessionContext.MaxFavorites, context.Favorites.Count);
        Assert.False(context.Favorites.ContainsKey("legacy"));
        Assert.False(context.Favorites.ContainsKey(Item(0)));
        Assert.True(context.Favorites.ContainsKey(Item(1)));
    }

    [Fact]
    public void replaying_any_history_of_context_events_keeps_every_list_within_its_limit()
    {
        var random = new Random(7);
        var context = SessionContext.Empty;
        for (var i = 0; i < 5000; i++)
        {
            var key = random.Next(4) switch
            {
                0 => ContextKeys.Likes,
                1 => ContextKeys.Facts,
                2 => ContextKeys.Favorite(Item(random.Next(200))),
                _ => ContextKeys.Name,
            };
            context = context.With(key, new string('x', random.Next(1, 1000)) + Item(i));

            Assert.InRange(context.Likes.Count, 0, SessionContext.MaxLikes);
            Assert.InRange(context.Facts.Count, 0, SessionContext.MaxFacts);
            Assert.InRange(context.Favorites.Count, 0, SessionContext.MaxFavorites);
        }

        var values = context.Likes.Concat(context.Facts).Concat(context.Favorites.Values).Append(context.Name!);
        Assert.All(values, value => Assert.InRange(value.Length, 1, SessionContext.MaxValueLength));
    }

    [Fact]
    public void forgetting_a_favorite_forgets_its_place_in_the_order()
    {
        var context = SessionContext.Empty.With(ContextKeys.Favorite("color"), "blue").With(ContextKeys.Favorite("food"), "pizza");

        context = context.Without(ContextKeys.Favorite("color"));

        Assert.Equal(["food"], context.FavoriteOrder);
        Assert.Equal(["food"], context.FavoriteTopicsOldestFirst());
    }

    [Fact]
    public void telling_a_known_like_or_favorite_again_changes_nothing()
    {
        var context = SessionContext.Empty.With(ContextKeys.Likes, "tea").With(ContextKeys.Favorite("color"), "blue");

        Assert.Equal(context, context.With(ContextKeys.Likes, "Tea"));
        Assert.Equal(context, context.With(ContextKeys.Favorite("color"), "blue"));
    }

    [Fact]
    public void a_long_value_is_cut_at_a_space_to_the_maximum_length_and_ends_with_an_ellipsis()
    {
        var value = string.Concat(Enumerable.Repeat("walking by the sea ", 420));

        var remembered = SessionContext.Empty.With(ContextKeys.Facts, value).Facts.Single();

        Assert.InRange(remembered.Length, SessionContext.MaxValueLength - 40, SessionContext.MaxValueLength);
        Assert.EndsWith("…", remembered, StringComparison.Ordinal);
        Assert.StartsWith(remembered[..^1], value, StringComparison.Ordinal);
        Assert.False(char.IsWhiteSpace(remembered[^2]));
    }

    [Fact]
    public void a_cut_never_splits_a_surrogate_pair()
    {
        foreach (var prefix in new[] { "", "a" })
        {
            var remembered = SessionContext.LimitLength(prefix + string.Concat(Enumerable.Repeat("😀", 4000)));

            Assert.True(remembered.Length <= SessionContext.MaxValueLength);
            _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(remembered);
        }
    }

    [Fact]
    public void a_value_at_the_limit_is_kept_whole()
    {
        var value = new string('a', SessionContext.MaxValueLength);

        Assert.Same(value, SessionContext.LimitLength(value));
        Assert.Equal(value, SessionContext.Empty.With(ContextKeys.Name, value).Name);
    }

    private static SessionContext Add(SessionContext context, string key, int count)
    {
        for (var i = 0; i < count; i++) context = context.With(key, Item(i));
        return context;
    }

    private static string Item(int i) => "item " + i.ToString("000", CultureInfo.InvariantCulture);
}
