using Microsoft.Extensions.Configuration;
using Orleans.Conversations.Grains.Hosting;
using Orleans.Conversations.Silo.Hosting;
using Orleans.Conversations.Tests.Fakes;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Orleans.Conversations.Gateway.Tests.Streaming;

/// <summary>A silo whose sessions answer through a model on loopback that streams a word every 150 ms, and a gateway.</summary>
public sealed class SlowModelService : IAsyncLifetime
{
    public const string Reply = "one two three four five six seven eight";

    private TestCluster _cluster = null!;

    public FakeChatServer Model { get; private set; } = null!;

    public RunningGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        Model = await FakeChatServer.StartAsync();
        Model.Reply = Reply;
        Model.ChunkDelay = TimeSpan.FromMilliseconds(150);
        var builder = new TestClusterBuilder(1);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties["EventStoreConnection"] = connectionString;
        builder.Properties["Model:Endpoint"] = Model.Endpoint.ToString();
        builder.Properties["Model:Name"] = "slow-model";
        builder.Properties["Model:ApiKey"] = "test-key";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        Gateway = await RunningGateway.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:EventStore"] = connectionString,
            ["Cluster:ClusterId"] = _cluster.Options.ClusterId,
            ["Cluster:ServiceId"] = _cluster.Options.ServiceId,
        });
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await Model.DisposeAsync();
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = configuration["EventStoreConnection"];
        });
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder
            .AddConversationStorage(siloBuilder.Configuration["EventStoreConnection"]!)
            .AddConversationGrains();
    }
}
