using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Conversations.Migrations.Hosting;
using Orleans.EventSourcing;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Orleans.Conversations.EventStore.Hosting;

/// <summary>Registers the PostgreSQL event store as a log-consistency provider of a silo.</summary>
public static class PostgresEventStoreSiloBuilderExtensions
{
    /// <summary>
    /// Adds a log-consistency provider named <paramref name="name"/> that stores each event of a journaled grain as a
    /// row in PostgreSQL. Grains use it with <c>[LogConsistencyProvider(ProviderName = name)]</c> and read their
    /// stream through the keyed <see cref="IEventStoreReader"/> of the same name (the keyed <see cref="IEventFeed"/> reads
    /// all streams in commit order, <see cref="IEventStreamEraser"/> erases streams); every silo of the cluster must register
    /// it under the same name. The settings are validated, and the schema applied by the host's schema start-up
    /// (<see cref="SchemaServiceCollectionExtensions.AddPostgresSchema"/>), when the silo starts.
    /// </summary>
    public static ISiloBuilder AddPostgresEventStore(
        this ISiloBuilder builder, string name, Action<OptionsBuilder<PostgresEventStoreOptions>>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var services = builder.Services;
        var options = services.AddOptions<PostgresEventStoreOptions>(name);
        configure?.Invoke(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresEventStoreOptions>, PostgresEventStoreOptionsValidator>());

        services.TryAddSingleton<Factory<IGrainContext, ILogConsistencyProtocolServices>>(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<PostgresEventStore>();
            var copier = sp.GetRequiredService<DeepCopier>();
            var clusterId = sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId;
            return context => new EventStoreProtocolServices(context, logger, copier, clusterId);
        });

        services.AddKeyedSingleton(name, (sp, _) => new PostgresEventStore(
            name,
            sp.GetRequiredService<IOptionsMonitor<PostgresEventStoreOptions>>().Get(name),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddKeyedSingleton<IEventStoreReader>(name, (sp, _) => sp.GetRequiredKeyedService<PostgresEventStore>(name));
        services.AddKeyedSingleton<IEventFeed>(name, (sp, _) => sp.GetRequiredKeyedService<PostgresEventStore>(name));
        services.AddKeyedSingleton<IEventStreamEraser>(name, (sp, _) => new ReactingStreamEraser(
            sp.GetRequiredKeyedService<PostgresEventStore>(name), sp.GetServices<IStreamErasureReaction>()));
        services.AddKeyedSingleton<ILogViewAdaptorFactory>(name, (sp, _) => new PostgresLogViewAdaptorFactory(
            sp.GetRequiredKeyedService<PostgresEventStore>(name),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddPostgresSchema($"Event store '{name}'", PostgresEventStoreSchema.Scripts,
            sp => sp.GetRequiredKeyedService<PostgresEventStore>(name).DataSource,
            sp => sp.GetRequiredKeyedService<PostgresEventStore>(name).Options.ApplySchemaAtStartup);
        return builder;
    }
}
