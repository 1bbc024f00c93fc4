namespace Orleans.Conversations.Access.Tests;

public sealed class IdentitiesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("alice")]
    [InlineData("alice.smith@example.com")]
    [InlineData("0ps_team-1")]
    public void a_plain_name_is_valid(string name)
    {
        Assert.True(Identities.IsValidName(name));
        Assert.Null(Identities.Problem("user", name));
    }

    [Fact]
    public void a_name_of_128_characters_is_valid_and_of_129_is_not()
    {
        Assert.True(Identities.IsValidName(new string('a', 128)));
        Assert.False(Identities.IsValidName(new string('a', 129)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".alice")]
    [InlineData("-alice")]
    [InlineData("al ice")]
    [InlineData("alice/bob")]
    [InlineData("élise")]
    [InlineData("alice\n")]
    public void an_unusual_name_is_refused_with_a_sentence_naming_the_field(string? name)
    {
        Assert.False(Identities.IsValidName(name));
        Assert.StartsWith("tenant must be", Identities.Problem("tenant", name), StringComparison.Ordinal);
    }
}
