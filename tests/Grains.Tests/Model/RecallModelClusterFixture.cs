namespace Orleans.Conversations.Grains.Tests.Model;

/// <summary>A <see cref="ModelClusterFixture"/> whose sessions keep 4 recent turns and have room in the prompt for recalled excerpts.</summary>
public sealed class RecallModelClusterFixture : ModelClusterFixture
{
    public const int RecentTurns = 4;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Model:PromptTokenBudget"] = "2000";
        settings["Model:MaxOutputTokens"] = "1024";
        settings["Conversations:RecentTurns"] = RecentTurns.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

[CollectionDefinition(Name)]
public sealed class RecallModelClusterCollection : ICollectionFixture<RecallModelClusterFixture>
{
    public const string Name = "recall model cluster";
}
