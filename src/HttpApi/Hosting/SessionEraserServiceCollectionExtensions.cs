using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.EventStore.Hosting;
using Orleans.Conversations.HttpApi.Api;
using Orleans.Conversations.HttpApi.Cluster;
using Orleans.Conversations.Search.Hosting;
using Orleans.Conversations.SessionList.Hosting;

namespace Orleans.Conversations.HttpApi.Hosting;

/// <summary>Registers the one eraser of sessions.</summary>
public static class SessionEraserServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SessionEraser"/> for any host with an <see cref="IGrainFactory"/> (the HTTP API's user erasure,
    /// a silo's retention), with the session list, the search index and the event store's erasure over the registered
    /// <see cref="Npgsql.NpgsqlDataSource"/>.
    /// </summary>
    public static IServiceCollection AddSessionEraser(this IServiceCollection services)
    {
        services.AddSessionList();
        services.AddSearch();
        services.TryAddSingleton(TimeProvider.System);
        if (!services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, EventFeedApi.FeedName) && d.ServiceType == typeof(IEventStreamEraser)))
            services.AddPostgresEventFeed(EventFeedApi.FeedName);
        services.TryAddSingleton<SessionEraser>();
        return services;
    }
}
