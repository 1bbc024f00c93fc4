using Orleans.Conversations.EventStore.Tests.Journal;
using Orleans.Conversations.EventStore.Hosting;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Orleans.Conversations.EventStore.Tests.Infrastructure;

/// <summary>
/// One plain Orleans silo with nothing of the service but the PostgreSQL event store (snapshot every 10 events), shared
/// by the grain-level tests.
/// </summary>
public sealed class JournalClusterFixture : IAsyncLifetime
{
    public const int SnapshotInterval = 10;

    public TestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.GetConnectionStringAsync();
        var builder = new TestClusterBuilder(1);
        builder.Properties["EventStoreConnection"] = ConnectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddPostgresEventStore(JournalGrain.EventStoreName, options => options.Configure(o =>
            {
                o.ConnectionString = siloBuilder.Configuration["EventStoreConnection"];
                o.SnapshotInterval = SnapshotInterval;
                o.EventTypes.AddFromAssembly(typeof(JournalGrain).Assembly);
            }));
    }
}

[CollectionDefinition(Name)]
public sealed class JournalClusterCollection : ICollectionFixture<JournalClusterFixture>
{
    public const string Name = "journal cluster";
}
