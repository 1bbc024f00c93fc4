using Orleans.Conversations.Grains.Hosting;
using Orleans.Conversations.Silo.Hosting;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Orleans.Conversations.Grains.Tests.Infrastructure;

/// <summary>
/// A one-silo cluster with the real PostgreSQL event store and the conversation grains. Settings go through
/// <see cref="Configure"/> (as configuration keys) so that a derived fixture can add a model.
/// </summary>
public class ConversationClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public virtual async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Properties["EventStoreConnection"] = await ConnectionStringAsync();
        builder.Properties["EventStore:SnapshotInterval"] = "100";
        Configure(builder.Properties);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    /// <summary>The database the cluster uses: the tests' shared one unless a derived fixture needs one of its own.</summary>
    protected virtual Task<string> ConnectionStringAsync() => TestDatabase.GetConnectionStringAsync();

    public virtual async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder
            .AddConversationStorage(siloBuilder.Configuration["EventStoreConnection"]!, clustering: false)
            .AddConversationGrains();
    }
}

[CollectionDefinition(Name)]
public sealed class ConversationClusterCollection : ICollectionFixture<ConversationClusterFixture>
{
    public const string Name = "conversation cluster";
}
