using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Conversations.Grains.Hosting;
using Orleans.Conversations.ServiceDefaults;
using Orleans.Dashboard;

namespace Orleans.Conversations.Silo.Hosting;

/// <summary>Sets up a process that hosts one silo of the conversation service.</summary>
public static class ConversationSiloHostExtensions
{
    /// <summary>
    /// Runs a silo that clusters through the project's PostgreSQL, stores conversations in its event store and feeds
    /// the Orleans dashboard. Settings: <c>ConnectionStrings:EventStore</c>, <see cref="ClusterIdentityOptions"/> and
    /// <see cref="SiloHostOptions"/>.
    /// </summary>
    public static IHostApplicationBuilder AddConversationSilo(this IHostApplicationBuilder builder)
    {
        var connectionString = EventStoreDatabase.RequireConnectionString(builder.Configuration);
        var cluster = ClusterIdentityOptions.Read(builder.Configuration);
        var endpoints = StartupOptions.Read<SiloHostOptions>(builder.Configuration, SiloHostOptions.Section);
        var address = ParseAddress("AdvertisedAddress", endpoints.AdvertisedAddress);
        var listen = endpoints.ListenAddress is { Length: > 0 } listenAddress ? ParseAddress("ListenAddress", listenAddress) : address;

        builder.AddServiceDefaults("conversations-silo");
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Membership"));
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            silo.ConfigureEndpoints(address, endpoints.SiloPort, endpoints.GatewayPort);
            silo.Configure<EndpointOptions>(o =>
            {
                o.SiloListeningEndpoint = new IPEndPoint(listen, endpoints.SiloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(listen, endpoints.GatewayPort);
            });
            silo.AddConversationStorage(connectionString);
            silo.AddConversationGrains();
            silo.AddDashboard();
            silo.AddActivityPropagation();
        });
        return builder;
    }

    private static IPAddress ParseAddress(string setting, string value) =>
        IPAddress.TryParse(value, out var address)
            ? address
            : throw new OptionsValidationException(SiloHostOptions.Section, typeof(SiloHostOptions),
                [$"Silo:{setting} '{value}' is not an IP address."]);
}
