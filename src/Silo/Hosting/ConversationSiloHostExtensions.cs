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
    /// the Orleans dashboard. Settings: <c>ConnectionStrings:EventStore</c> and the <see cref="SiloHostOptions"/>.
    /// </summary>
    public static IHostApplicationBuilder AddConversationSilo(this IHostApplicationBuilder builder)
    {
        var connectionString = EventStoreConnection.Require(builder.Configuration);
        var hostOptions = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
        Validate(hostOptions);

        builder.AddServiceDefaults("conversations-silo");
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Membership"));
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = hostOptions.ClusterId;
                o.ServiceId = hostOptions.ServiceId;
            });
            silo.ConfigureEndpoints(
                IPAddress.Parse(hostOptions.AdvertisedAddress),
                hostOptions.SiloPort,
                hostOptions.GatewayPort,
                listenOnAnyHostAddress: !IPAddress.IsLoopback(IPAddress.Parse(hostOptions.AdvertisedAddress)));
            silo.AddConversationStorage(connectionString);
            silo.AddConversationGrains();
            silo.AddDashboard();
            silo.AddActivityPropagation();
        });
        return builder;
    }

    private static void Validate(SiloHostOptions options)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true))
            throw new OptionsValidationException(SiloHostOptions.Section, typeof(SiloHostOptions), results.Select(r => $"{SiloHostOptions.Section}:{r}"));
        if (!IPAddress.TryParse(options.AdvertisedAddress, out _))
            throw new OptionsValidationException(SiloHostOptions.Section, typeof(SiloHostOptions), [$"Silo:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address."]);
    }
}
