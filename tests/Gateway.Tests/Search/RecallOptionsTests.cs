using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Search;
using Orleans.Conversations.Search.Embeddings.Hosting;
using Orleans.Conversations.Search.Hosting;

namespace Orleans.Conversations.Gateway.Tests.Search;

/// <summary>Recall's embeddings setting as a silo registers it: none by default (no embedder), minilm, and anything else refused naming the setting.</summary>
public sealed class RecallOptionsTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("none", false)]
    [InlineData("minilm", true)]
    public void an_embedder_is_registered_only_for_minilm(string? value, bool registered)
    {
        using var services = ServicesWith(value);
        Assert.Equal(value ?? RecallOptions.None, services.GetRequiredService<IOptions<RecallOptions>>().Value.Embeddings);
        Assert.Equal(registered, services.GetService<IMessageEmbedder>() is not null);
    }

    [Fact]
    public void an_unknown_embeddings_setting_is_refused_naming_the_setting()
    {
        using var services = ServicesWith("word2vec");
        var failure = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<RecallOptions>>().Value);
        Assert.Contains("Recall:Embeddings", failure.Message);
    }

    private static ServiceProvider ServicesWith(string? value)
    {
        var settings = value is null ? [] : new Dictionary<string, string?> { ["Recall:Embeddings"] = value };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        IServiceCollection services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSearchProjection("conversations", new LegacyOwner("default", "local"));
        services.AddConfiguredEmbeddings(configuration, "conversations", new LegacyOwner("default", "local"));
        return services.BuildServiceProvider();
    }
}
