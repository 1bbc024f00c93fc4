using Orleans.Conversations.Tests.Fakes;
using Orleans.TestingHost;

namespace Orleans.Conversations.Gateway.Tests.OpenAi;

/// <summary>
/// A second service whose sessions answer through <see cref="FakeChatServer"/> (as <c>test-model</c>, with a 2 s
/// timeout), behind one gateway in open mode.
/// </summary>
public sealed class ModelServiceFixture : IAsyncLifetime
{
    public const string ModelName = "test-model";

    public FakeChatServer Model { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public RunningGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await FakeChatServer.StartAsync();
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        var model = new Dictionary<string, string?>
        {
            ["Model:Endpoint"] = Model.Endpoint.ToString(),
            ["Model:Name"] = ModelName,
            ["Model:Timeout"] = "00:00:02",
        };
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
}

[CollectionDefinition(Name)]
public sealed class ModelServiceCollection : ICollectionFixture<ModelServiceFixture>
{
    public const string Name = "model service";
}
