using Orleans.Conversations.Grains.Tests.Infrastructure;

using Orleans.Conversations.Tests.Fakes;

namespace Orleans.Conversations.Grains.Tests.Model;

/// <summary>A cluster whose sessions answer through <see cref="FakeChatServer"/>, with a small prompt budget and a 3 s timeout.</summary>
public class ModelClusterFixture : ConversationClusterFixture
{
    public const int PromptTokenBudget = 120;

    public const int MaxOutputTokens = 40;

    public FakeChatServer Model { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Model = await FakeChatServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Model:Endpoint"] = Model.Endpoint.ToString();
        settings["Model:Name"] = "test-model";
        settings["Model:ApiKey"] = "test-key";
        settings["Model:Timeout"] = "00:00:03";
        settings["Model:PromptTokenBudget"] = PromptTokenBudget.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Model:MaxOutputTokens"] = MaxOutputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

[CollectionDefinition(Name)]
public sealed class ModelClusterCollection : ICollectionFixture<ModelClusterFixture>
{
    public const string Name = "model cluster";
}
