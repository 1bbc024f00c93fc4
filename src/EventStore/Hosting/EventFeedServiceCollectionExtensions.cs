using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Orleans.Conversations.EventStore.Hosting;

/// <summary>An event store's feed and erasure from a process that is not a silo, such as an HTTP gateway.</summary>
public static class EventFeedServiceCollectionExtensions
{
    /// <summary>
    /// Adds a keyed <see cref="IEventFeed"/> and <see cref="IEventStreamEraser"/> named <paramref name="name"/> over the
    /// <see cref="NpgsqlDataSource"/> already registered. It appends nothing: the silos own the schema and the appends.
    /// Events come as stored, without upcasting.
    /// </summary>
    public static IServiceCollection AddPostgresEventFeed(this IServiceCollection services, string name)
    {
        services.AddKeyedSingleton(name, (sp, _) => new PostgresEventStore(
            name,
            new PostgresEventStoreOptions { DataSource = sp.GetRequiredService<NpgsqlDataSource>(), ApplySchemaAtStartup = false, MaxAppendBatchSize = 1 },
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddKeyedSingleton<IEventFeed>(name, (sp, key) => sp.GetRequiredKeyedService<PostgresEventStore>(key));
        services.AddKeyedSingleton<IEventStreamEraser>(name, (sp, key) => new ReactingStreamEraser(
            sp.GetRequiredKeyedService<PostgresEventStore>(key), sp.GetServices<IStreamErasureReaction>()));
        return services;
    }
}
