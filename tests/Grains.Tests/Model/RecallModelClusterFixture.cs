using Orleans.Conversations.Grains.Tests.Infrastructure;
using Orleans.Conversations.Tests.Fakes;

namespace Orleans.Conversations.Grains.Tests.Model;

/// <summary>A cluster whose sessions answer through <see cref="FakeChatServer"/>, keep 4 recent turns and have room in the prompt for recalled excerpts.</summary>
public sealed class RecallModelClusterFixture : ConversationClusterFixture
{
    public const int RecentTurns = 4;

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
        settings["Model:PromptTokenBudget"] = "2000";
        settings["Conversations:RecentTurns"] = RecentTurns.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

[CollectionDefinition(Name)]
public sealed class RecallModelClusterCollection : ICollectionFixture<RecallModelClusterFixture>
{
    public const string Name = "recall model cluster";
}
