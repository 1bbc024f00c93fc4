using Orleans.Conversations.Engine;
using Orleans.Conversations.Engine.Embedded;
using Xunit;

namespace Orleans.Conversations.Engine.Tests.Embedded;

/// <summary>The checks in code that stand in for the lookarounds the non-backtracking engine lacks.</summary>
public sealed class MessagePatternGuardTests
{
    private readonly RuleBasedUnderstanding _understanding = new();
    private readonly RuleBasedReplyGenerator _generator = new();

    [Theory]
    [InlineData("what do you know about cats?")]
    [InlineData("what do you know about meat?")]
    [InlineData("do you remember me to your sister")]
    public async Task a_question_about_something_else_is_not_a_memory_question(string question)
    {
        var reply = await Reply(question, Known());

        Assert.DoesNotContain("Here's what I know", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what do you know about me?")]
    [InlineData("what do you know about myself")]
    [InlineData("do you remember me?")]
    public async Task a_memory_question_still_lists_what_is_known(string question)
    {
        var reply = await Reply(question, Known());

        Assert.Contains("Here's what I know", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forget all my likes", new[] { ContextKeys.Likes })]
    [InlineData("forget all the facts", new[] { ContextKeys.Facts })]
    [InlineData("forget all of them", new string[0])]
    [InlineData("forget all of it", new[] { ContextKeys.Name, ContextKeys.Location, ContextKeys.Likes, "favorite.color", ContextKeys.Facts })]
    [InlineData("forget all about me", new[] { ContextKeys.Name, ContextKeys.Location, ContextKeys.Likes, "favorite.color", ContextKeys.Facts })]
    [InlineData("forget my favorite color and my name", new[] { "favorite.color", ContextKeys.Name })]
    [InlineData("forget my favorite color, please", new[] { "favorite.color" })]
    public void all_means_everything_only_when_no_owner_follows(string text, string[] forgotten)
    {
        var changes = _understanding.ChangesOf(text, Known());

        Assert.All(changes, change => Assert.True(change.IsForget));
        Assert.Equal(forgotten, changes.Select(change => change.Key));
    }

    [Theory]
    [InlineData("I like tea, & I live in Paris")]
    [InlineData("I like tea - I live in Paris")]
    [InlineData("I like tea and I live in Paris")]
    public void a_separator_after_a_space_starts_a_new_statement(string text)
    {
        var changes = _understanding.ChangesOf(text, SessionContext.Empty);

        Assert.Equal(["likes=tea", "location=Paris"], changes.Select(change => $"{change.Key}={change.Value}"));
    }

    [Fact]
    public void and_inside_a_word_does_not_separate()
    {
        var changes = _understanding.ChangesOf("I like candy canes", SessionContext.Empty);

        Assert.Equal("candy canes", Assert.Single(changes).Value);
    }

    [Fact]
    public async Task two_questions_after_a_favorite_are_both_answered()
    {
        var reply = await Reply("what is my favorite color and where do I live?", Known());

        Assert.Contains("Your favorite color is blue.", reply, StringComparison.Ordinal);
        Assert.Contains("You live in London.", reply, StringComparison.Ordinal);
    }

    private static SessionContext Known() => SessionContext.Empty
        .With(ContextKeys.Name, "Ada")
        .With(ContextKeys.Location, "London")
        .With(ContextKeys.Likes, "tea")
        .With(ContextKeys.Favorite("color"), "blue")
        .With(ContextKeys.Facts, "my dog is called Rex");

    private Task<string> Reply(string text, SessionContext context) =>
        _generator.GenerateReplyAsync(EngineCalls.Request(text, context, [], [], 1, "hi"), CancellationToken.None);
}
