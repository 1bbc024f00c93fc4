using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Orleans.Conversations.Access;
using Orleans.Conversations.Gateway.Tests.Security;
using Orleans.Conversations.Grains.Hosting;
using Orleans.Conversations.Silo.Hosting;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Orleans.Conversations.Gateway.Tests;

/// <summary>
/// The service as users run it: silos clustered through PostgreSQL, and real gateways on loopback ports, reached over
/// real HTTP: one in open mode (<see cref="Http"/>), and two that require credentials (<see cref="Secured"/>,
/// <see cref="SecuredB"/>), which accept API keys and tokens of a loopback OpenID Connect issuer.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    /// <summary>The operator tenant of the gateways that require credentials: its admins manage every tenant.</summary>
    public const string OperatorTenant = "ops";

    private RunningGateway _open = null!;
    private NpgsqlDataSource _dataSource = null!;
    private string _connectionString = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public HttpClient Http => _open.Http;

    public RunningGateway Secured { get; private set; } = null!;

    public RunningGateway SecuredB { get; private set; } = null!;

    public TestOidcIssuer Issuer { get; private set; } = null!;

    /// <summary>The key table the gateways read, for tests to issue keys directly.</summary>
    public ApiKeyStore Keys { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = _connectionString = await TestDatabase.GetConnectionStringAsync();
        var builder = new TestClusterBuilder(1);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties["EventStoreConnection"] = connectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        Issuer = await TestOidcIssuer.StartAsync();
        _open = await RunningGateway.StartAsync(GatewaySettings());
        Secured = await RunningGateway.StartAsync(SecuredSettings(), Microsoft.Extensions.Logging.LogLevel.Debug);
        SecuredB = await RunningGateway.StartAsync(SecuredSettings());
        _dataSource = NpgsqlDataSource.Create(connectionString);
        Keys = new ApiKeyStore(_dataSource);
    }

    /// <summary>The settings of a gateway of this cluster, in open mode unless <paramref name="more"/> says otherwise.</summary>
    public Dictionary<string, string?> GatewaySettings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:EventStore"] = _connectionString,
            ["Cluster:ClusterId"] = Cluster.Options.ClusterId,
            ["Cluster:ServiceId"] = Cluster.Options.ServiceId,
            ["Gateway:CallTimeout"] = "00:00:25",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
            settings[key] = value;
        return settings;
    }

    /// <summary>The settings of a gateway that requires credentials, with <paramref name="more"/> on top.</summary>
    public Dictionary<string, string?> SecuredSettings(IDictionary<string, string?>? more = null)
    {
        var settings = GatewaySettings(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "required",
            ["Auth:Jwt:Authority"] = Issuer.Authority,
            ["Auth:Jwt:Audience"] = TestOidcIssuer.Audience,
            ["Auth:OperatorTenant"] = OperatorTenant,
            // Every test calls from 127.0.0.1, many of them with bad credentials on purpose.
            ["RateLimit:AuthFailureBurst"] = "1000000",
        });
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
            settings[key] = value;
        return settings;
    }

    /// <summary>A new API key for <paramref name="userId"/> of <paramref name="tenant"/>.</summary>
    public async Task<string> NewKeyAsync(string tenant, string userId, bool admin = false) =>
        (await Keys.CreateAsync(tenant, userId, admin, "tests")).Key;

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
        await SecuredB.DisposeAsync();
        await Secured.DisposeAsync();
        await _open.DisposeAsync();
        await Issuer.DisposeAsync();
        await _dataSource.DisposeAsync();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    internal sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = configuration["EventStoreConnection"];
        });
    }

    internal sealed class SiloConfigurator : ISiloConfigurator
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
