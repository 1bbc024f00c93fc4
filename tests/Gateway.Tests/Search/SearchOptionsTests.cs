using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Search;
using Orleans.Conversations.Search.Hosting;

namespace Orleans.Conversations.Gateway.Tests.Search;

/// <summary>The index's setting as a silo registers it: on by default, and a value that is not a boolean refused naming the setting.</summary>
public sealed class SearchOptionsTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    public void the_index_is_on_unless_switched_off(string? value, bool expected) =>
        Assert.Equal(expected, OptionsWith(value).Value.Index);

    [Fact]
    public void an_index_setting_that_is_not_a_boolean_is_refused_naming_the_setting()
    {
        var failure = Assert.ThrowsAny<InvalidOperationException>(() => OptionsWith("perhaps").Value);
        Assert.Contains("Search:Index", failure.Message);
    }

    private static IOptions<SearchOptions> OptionsWith(string? value)
    {
        var settings = value is null ? [] : new Dictionary<string, string?> { ["Search:Index"] = value };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        IServiceCollection services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSearchProjection("conversations", new LegacyOwner("default", "local"));
        return services.BuildServiceProvider().GetRequiredService<IOptions<SearchOptions>>();
    }
}
