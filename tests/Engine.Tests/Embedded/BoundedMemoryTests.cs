using Orleans.Conversations.Engine;
using System.Globalization;
using Orleans.Conversations.Engine.Embedded;
using Xunit;

namespace Orleans.Conversations.Engine.Tests.Embedded;

/// <summary>What the embedded engine says once a session remembers more than an answer lists.</summary>
public sealed class BoundedMemoryTests
{
    /// <summary>Generous: every listed item at its longest, and the sentence around them.</summary>
    private const int LongestMemoryAnswer = (4 * RuleBasedReplyGenerator.MaxListed + 4) * (SessionContext.MaxValueLength + 30);

    private readonly RuleBasedUnderstanding _understanding = new();
    private readonly RuleBasedReplyGenerator _generator = new();

    [Fact]
    public async Task what_do_you_know_stays_short_with_hundreds_of_long_facts()
    {
        var context = SessionContext.Empty.With(ContextKeys.Name, new string('N', 5000)).With(ContextKeys.Location, new string('L', 5000));
        for (var i = 0; i < 300; i++)
        {
            context = context.With(ContextKeys.Facts, Long("fact", i))
                .With(ContextKeys.Likes, Long("like", i))
                .With(ContextKeys.Favorite(Thing("topic", i)), Long("favorite", i));
        }

        var reply = await Reply("what do you know about me?", context);

        Assert.InRange(reply.Length, 1, LongestMemoryAnswer);
        Assert.Contains(Thing("fact", 299), reply, StringComparison.Ordinal);
        Assert.DoesNotContain(Thing("fact", 0) + " ", reply, StringComparison.Ordinal);
        Assert.Contains($"and {SessionContext.MaxFacts - RuleBasedReplyGenerator.MaxListed} more things.", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task what_do_you_know_stays_short_whatever_the_context_holds()
    {
        var context = SessionContext.Empty with
        {
            Lists = SessionContext.Empty.Lists
                .SetItem(ContextKeys.Facts, [.. Enumerable.Range(0, 1000).Select(i => Long("fact", i))])
                .SetItem(ContextKeys.Likes, [.. Enumerable.Range(0, 1000).Select(i => Long("like", i))]),
        };

        var reply = await Reply("what do you remember?", context);

        Assert.InRange(reply.Length, 1, LongestMemoryAnswer);
        Assert.Contains("and 990 more things", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task what_do_i_like_lists_the_latest_likes_and_says_how_many_more()
    {
        var context = SessionContext.Empty;
        for (var i = 0; i < 25; i++) context = context.With(ContextKeys.Likes, Thing("thing", i));

        var reply = await Reply("what do I like?", context);

        Assert.Equal($"You like {string.Join(", ", Enumerable.Range(15, 10).Select(i => Thing("thing", i)))} and 15 more things.", reply);
    }

    [Fact]
    public async Task as_many_likes_as_an_answer_lists_are_all_listed()
    {
        var context = SessionContext.Empty;
        for (var i = 0; i < RuleBasedReplyGenerator.MaxListed; i++) context = context.With(ContextKeys.Likes, Thing("thing", i));

        var reply = await Reply("what do I like?", context);

        Assert.All(Enumerable.Range(0, RuleBasedReplyGenerator.MaxListed), i => Assert.Contains(Thing("thing", i), reply, StringComparison.Ordinal));
        Assert.DoesNotContain("more", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task all_favorites_lists_the_latest_told_and_says_how_many_more()
    {
        var context = SessionContext.Empty;
        for (var i = 0; i < 12; i++) context = context.With(ContextKeys.Favorite(Thing("topic", i)), "blue");
        context = context.With(ContextKeys.Favorite(Thing("topic", 0)), "green");

        var reply = await Reply("what are my favorites?", context);

        Assert.Contains($"your favorite {Thing("topic", 0)} is green", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Thing("topic", 1) + " ", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(Thing("topic", 2) + " ", reply, StringComparison.Ordinal);
        Assert.EndsWith("and 2 more favorites.", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_long_lived_session_keeps_the_latest_likes_and_forgets_the_oldest()
    {
        var context = SessionContext.Empty;
        for (var i = 0; i < 200; i++)
        {
            foreach (var change in _understanding.ChangesOf($"I like {Thing("thing", i)}", context))
                context = context.With(change.Key, change.Value!);
        }

        var reply = await Reply("what do I like?", context);

        Assert.Equal(SessionContext.MaxLikes, context.Likes.Count);
        Assert.Equal(Thing("thing", 150), context.Likes[0]);
        Assert.EndsWith($"{Thing("thing", 199)} and {SessionContext.MaxLikes - RuleBasedReplyGenerator.MaxListed} more things.", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_long_fact_is_remembered_cut_and_acknowledged_as_remembered()
    {
        var fact = "my plan is " + string.Concat(Enumerable.Repeat("to walk along the river ", 30));
        var changes = _understanding.ChangesOf("remember that " + fact, SessionContext.Empty);
        var context = SessionContext.Empty.With(changes.Single().Key, changes.Single().Value!);

        var reply = await _generator.GenerateReplyAsync(
            EngineCalls.Request("remember that " + fact, context, changes, [], 0, null), CancellationToken.None);

        var remembered = Assert.Single(context.Facts);
        Assert.Equal(remembered, changes.Single().Value);
        Assert.InRange(remembered.Length, 1, SessionContext.MaxValueLength);
        Assert.EndsWith("…", remembered, StringComparison.Ordinal);
        Assert.StartsWith("I'll remember that your plan is to walk along the river", reply, StringComparison.Ordinal);
    }

    private static string Thing(string kind, int i) => $"{kind}-{i.ToString("000", CultureInfo.InvariantCulture)}";

    private static string Long(string kind, int i) => Thing(kind, i) + " " + new string('z', 400);

    private Task<string> Reply(string text, SessionContext context) =>
        _generator.GenerateReplyAsync(EngineCalls.Request(text, context, [], [], 3, "hello"), CancellationToken.None);
}
