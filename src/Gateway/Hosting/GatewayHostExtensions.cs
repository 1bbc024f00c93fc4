using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Conversations.Gateway.Cluster;
using Orleans.Conversations.HttpApi.Cluster;
using Orleans.Conversations.HttpApi.Hosting;
using Orleans.Conversations.Migrations.Hosting;
using Orleans.Conversations.ServiceDefaults;
using Orleans.Dashboard;

namespace Orleans.Conversations.Gateway.Hosting;

/// <summary>Sets up the HTTP gateway process: an Orleans client of the cluster, its silo-loss monitor and the HTTP API.</summary>
public static class GatewayHostExtensions
{
    /// <summary>
    /// Registers the separate gateway process: an Orleans client of the cluster and the HTTP API
    /// (<see cref="HttpApiHostExtensions.AddConversationHttpApi"/>), with the silo-loss monitor as its
    /// <see cref="ISiloLossSignal"/>. Needs <c>ConnectionStrings:EventStore</c> (the silos' database, where
    /// the cluster's membership is) and reads the <see cref="ClusterIdentityOptions"/>.
    /// </summary>
    public static WebApplicationBuilder AddConversationGateway(this WebApplicationBuilder builder)
    {
        var cluster = ClusterIdentityOptions.Read(builder.Configuration);
        var options = StartupOptions.Read<HttpGatewayOptions>(builder.Configuration, HttpGatewayOptions.Section);
        builder.AddServiceDefaults("conversations-gateway");
        builder.AddEventStoreDataSource();
        // The server listens while the Orleans client is still looking for silos; StartupGate answers until it has.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringClientOptions> clustering) =>
                clustering.Configure<NpgsqlDataSource>((o, dataSource) =>
                {
                    o.Invariant = "Npgsql";
                    o.DataSource = dataSource;
                }));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            client.UseConnectionRetryFilter<ClusterConnectionRetry>();
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.CallTimeout);
            client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.DetectSilentLinks(options.SilentLinkTimeout);
            client.AddDashboard();
            client.AddActivityPropagation();
        });

        // The gateway answers 503 while it waits for its database, for as long as that takes (see StartupGate).
        builder.Services.Configure<SchemaStartupOptions>(o => o.MaxWait = Timeout.InfiniteTimeSpan);
        // Reads the membership table every second, whether or not the client has found a silo yet.
        builder.Services.AddSingleton<SiloLossMonitor>();
        builder.Services.AddSingleton<ISiloLossSignal>(sp => sp.GetRequiredService<SiloLossMonitor>());
        builder.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<SiloLossMonitor>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SiloLossMonitor>());
        return builder.AddConversationHttpApi();
    }
}
