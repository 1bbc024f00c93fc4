namespace Orleans.Conversations.Tests;

/// <summary>
/// The trait of tests that keep a transaction holding an id open on purpose. The event feed stops short of any such
/// transaction anywhere on the server, so while one is open every projection of every test assembly stands still:
/// <c>scripts/test</c> runs these after the others, one assembly at a time.
/// </summary>
public static class FeedHolding
{
    /// <summary>The trait's name (<c>--filter Holds=TheFeed</c>).</summary>
    public const string Trait = "Holds";

    /// <summary>The trait's value.</summary>
    public const string TheFeed = "TheFeed";
}
