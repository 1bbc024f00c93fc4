using Orleans.Conversations.Tests.Fakes;
using Orleans.TestingHost;

namespace Orleans.Conversations.Gateway.Tests;

/// <summary>
/// A service of its own whose sessions answer through <see cref="FakeChatServer"/> on loopback, behind one gateway in
/// open mode; the model settings of <see cref="ModelSettings"/> go to the silo and the gateway alike.
/// </summary>
public abstract class ModelService : IAsyncLifetime
{
    public FakeChatServer Model { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public RunningGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await FakeChatServer.StartAsync();
        Configure(Model);
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        var model = ModelSettings(Model);
        var builder = new TestClusterBuilder(1);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties["EventStoreConnection"] = connectionString;
        foreach (var (key, value) in model)
            builder.Properties[key] = value;
        builder.AddSiloBuilderConfigurator<ServiceFixture.SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ServiceFixture.ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        Gateway = await RunningGateway.StartAsync(new Dictionary<string, string?>(model)
        {
            ["ConnectionStrings:EventStore"] = connectionString,
            ["Cluster:ClusterId"] = Cluster.Options.ClusterId,
            ["Cluster:ServiceId"] = Cluster.Options.ServiceId,
        });
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Model.DisposeAsync();
    }

    /// <summary>The <c>Model:*</c> settings of silo and gateway.</summary>
    protected abstract Dictionary<string, string?> ModelSettings(FakeChatServer model);

    /// <summary>How the fake model answers to begin with.</summary>
    protected virtual void Configure(FakeChatServer model)
    {
    }
}
