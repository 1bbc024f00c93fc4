using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Conversations.Grains.Hosting;
using Orleans.Conversations.Silo.Hosting;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Orleans.Conversations.Failover.Tests;

/// <summary>Test clusters of real silos on the test database, clustered through PostgreSQL (or not), tuned to notice a dead silo in seconds.</summary>
public static class FailoverCluster
{
    /// <summary>Starts <paramref name="silos"/> silos clustered through the test database.</summary>
    public static async Task<TestCluster> StartAsync(int silos = 3, bool postgresMembership = true)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.UseTestClusterMembership = !postgresMembership;
        builder.Properties["EventStoreConnection"] = await TestDatabase.GetConnectionStringAsync();
        builder.Properties["PostgresMembership"] = postgresMembership.ToString();
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        if (postgresMembership)
            builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var postgresMembership = bool.Parse(siloBuilder.Configuration["PostgresMembership"]!);
            siloBuilder
                .AddConversationStorage(siloBuilder.Configuration["EventStoreConnection"]!, clustering: postgresMembership)
                .AddConversationGrains()
                .Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
                });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder
            .UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = configuration["EventStoreConnection"];
            })
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5))
            .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
    }
}
