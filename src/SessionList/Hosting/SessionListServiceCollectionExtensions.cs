using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Migrations.Hosting;

namespace Orleans.Conversations.SessionList.Hosting;

/// <summary>Registers the session list in a host.</summary>
public static class SessionListServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SessionListStore"/> (the list's queries) on the <see cref="NpgsqlDataSource"/> already
    /// registered, <see cref="SessionListSchema"/> to the host's schema start-up, and the list's reaction to an
    /// erasure: every <see cref="IEventStreamEraser"/> of the process removes an erased session's row once the erasure
    /// has committed. For any host that reads the list or erases sessions.
    /// </summary>
    public static IServiceCollection AddSessionList(this IServiceCollection services)
    {
        services.TryAddSingleton<SessionListStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStreamErasureReaction, SessionListErasureReaction>());
        services.AddPostgresSchema("Session list", SessionListSchema.Scripts);
        return services;
    }

    /// <summary>
    /// Adds <see cref="AddSessionList"/> and the <see cref="SessionListProjector"/> that keeps the list up to date from
    /// the feed of the event store named <paramref name="eventStoreName"/>, as a hosted service, reading events by
    /// <paramref name="rules"/>. For silos: every silo runs one, and the projection lock lets one batch run at a time.
    /// </summary>
    public static IServiceCollection AddSessionListProjection(this IServiceCollection services, string eventStoreName, SessionListRules rules)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventStoreName);
        ArgumentNullException.ThrowIfNull(rules);
        services.AddSessionList();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SessionListProjector(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredKeyedService<IEventFeed>(eventStoreName),
            rules,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SessionListProjector>>()));
        services.AddHostedService(sp => sp.GetRequiredService<SessionListProjector>());
        return services;
    }
}
