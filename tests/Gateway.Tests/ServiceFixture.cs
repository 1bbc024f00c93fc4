using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Conversations.Gateway.Hosting;
using Orleans.Conversations.Grains.Hosting;
using Orleans.Conversations.Silo.Hosting;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Orleans.Conversations.Gateway.Tests;

/// <summary>
/// The service as users run it: silos clustered through PostgreSQL, and the real gateway on a loopback port, reached
/// over real HTTP.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    private WebApplication _gateway = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.GetConnectionStringAsync();
        var builder = new TestClusterBuilder(1);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties["EventStoreConnection"] = connectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        var web = WebApplication.CreateBuilder();
        web.Logging.SetMinimumLevel(LogLevel.Warning);
        web.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:EventStore"] = connectionString,
            ["Cluster:ClusterId"] = Cluster.Options.ClusterId,
            ["Cluster:ServiceId"] = Cluster.Options.ServiceId,
            ["Gateway:CallTimeout"] = "00:00:25",
        });
        web.AddConversationGateway();
        _gateway = web.Build();
        _gateway.MapConversationGateway();
        await _gateway.StartAsync();

        var address = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Posts a user message and returns the parsed answer, failing on any status but 200.</summary>
    public async Task<JsonObject> SendAsync(Guid sessionId, string text, string? messageId = null)
    {
        using var response = await Http.PostAsJsonAsync($"/api/sessions/{sessionId}/messages", new { text, messageId });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
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

[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<ServiceFixture>
{
    public const string Name = "service";
}
