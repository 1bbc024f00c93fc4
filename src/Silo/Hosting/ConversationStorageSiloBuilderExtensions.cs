using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.EventStore.Hosting;
using Orleans.Conversations.Grains;
using Orleans.Conversations.Silo.Database;
using Orleans.Runtime;

namespace Orleans.Conversations.Silo.Hosting;

/// <summary>Wires a silo to the project's PostgreSQL: schema migrations, clustering, grain storage and the event store.</summary>
public static class ConversationStorageSiloBuilderExtensions
{
    /// <summary>
    /// Applies the <c>sql/</c> scripts at start-up, then uses <paramref name="connectionString"/> for the event store
    /// (<see cref="ConversationGrainConstants.EventStoreName"/>), the default grain storage and, unless
    /// <paramref name="clustering"/> is false, ADO.NET clustering.
    /// </summary>
    public static ISiloBuilder AddConversationStorage(
        this ISiloBuilder builder, string connectionString, bool clustering = true, Action<PostgresEventStoreOptions>? configureEventStore = null)
    {
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            new DatabaseMigrationStartup(connectionString, sp.GetRequiredService<ILoggerFactory>()));

        if (clustering)
        {
            builder.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
        }

        builder.AddAdoNetGrainStorageAsDefault(options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = connectionString;
        });

        return builder.AddPostgresEventStore(ConversationGrainConstants.EventStoreName, options => options
            .BindConfiguration("EventStore")
            .Configure(o =>
            {
                o.ConnectionString = connectionString;
                o.EventTypes.AddFromAssembly(typeof(ConversationGrainConstants).Assembly);
                configureEventStore?.Invoke(o);
            }));
    }
}
