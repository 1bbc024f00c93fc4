using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Grains.Memory;
using Orleans.Conversations.Migrations.Hosting;

namespace Orleans.Conversations.Grains.Hosting;

/// <summary>Registers the feed of users' memories in a silo.</summary>
public static class UserMemoryServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="MemoryFeedProjector"/> that hands each user's memory what their sessions learned, read from
    /// the feed of the event store named <paramref name="eventStoreName"/>, as a hosted service, over the
    /// <see cref="NpgsqlDataSource"/> already registered; and its table (<see cref="UserMemorySchema"/>) to the host's
    /// schema start-up. Every silo runs one; the projection lock lets one batch run at a time.
    /// </summary>
    public static IServiceCollection AddUserMemoryProjection(this IServiceCollection services, string eventStoreName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventStoreName);
        services.AddPostgresSchema("User memory", UserMemorySchema.Scripts);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new MemoryFeedProjector(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredKeyedService<IEventFeed>(eventStoreName),
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MemoryFeedProjector>>()));
        services.AddHostedService(sp => sp.GetRequiredService<MemoryFeedProjector>());
        return services;
    }
}
