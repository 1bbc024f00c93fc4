using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.EventStore.Hosting;
using Orleans.Conversations.Grains;
using Orleans.Conversations.Grains.Hosting;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.HttpApi.Hosting;
using Orleans.Conversations.Migrations.Hosting;
using Orleans.Conversations.Search;
using Orleans.Conversations.Search.Embeddings.Hosting;
using Orleans.Conversations.Search.Hosting;
using Orleans.Conversations.ServiceDefaults;
using Orleans.Conversations.SessionList;
using Orleans.Conversations.SessionList.Hosting;
using Orleans.Conversations.Silo.Database;
using Orleans.Conversations.Silo.Retention;

namespace Orleans.Conversations.Silo.Hosting;

/// <summary>
/// Wires a silo to the project's PostgreSQL: schema, clustering, grain storage, the event store, and the read side
/// (the session list and its projection, and the retention of idle sessions).
/// </summary>
public static class ConversationStorageSiloBuilderExtensions
{
    /// <summary>
    /// Uses one <see cref="NpgsqlDataSource"/> for <paramref name="connectionString"/> (the process's, if one is
    /// registered already) for the event store (<see cref="ConversationGrainConstants.EventStoreName"/>, settings in
    /// section <c>EventStore</c>), the default grain storage and, unless <paramref name="clustering"/> is false, ADO.NET
    /// clustering; applies Orleans', the session list's, the search index's and the memory projection's schema at start-up, and projects the
    /// event feed into the session list, the search index and users' memories.
    /// </summary>
    public static ISiloBuilder AddConversationStorage(
        this ISiloBuilder builder, string connectionString, bool clustering = true, Action<PostgresEventStoreOptions>? configureEventStore = null)
    {
        builder.Services.AddEventStoreDataSource(connectionString);
        builder.Services.AddPostgresSchema("Orleans clustering and storage (ConnectionStrings:EventStore)", OrleansSchema.Scripts);
        builder.Services.AddSessionListProjection(ConversationGrainConstants.EventStoreName, new SessionListRules
        {
            DefaultTitle = SessionTitles.FromFirstMessage,
            LegacyTenant = Caller.DefaultTenant,
            LegacyOwner = Caller.LocalUser,
        });
        builder.Services.AddUserMemoryProjection(ConversationGrainConstants.EventStoreName);
        var legacyOwner = new LegacyOwner(Caller.DefaultTenant, Caller.LocalUser);
        builder.Services.AddSearchProjection(ConversationGrainConstants.EventStoreName, legacyOwner);
        builder.Services.AddConfiguredEmbeddings(builder.Configuration, ConversationGrainConstants.EventStoreName, legacyOwner);
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSessionEraser();
        builder.Services.AddHostedService<IdleSessionRetention>();

        if (clustering)
        {
            builder.UseAdoNetClustering((OptionsBuilder<Orleans.Configuration.AdoNetClusteringSiloOptions> options) =>
                options.Configure<NpgsqlDataSource>((o, dataSource) =>
                {
                    o.Invariant = "Npgsql";
                    o.DataSource = dataSource;
                }));
        }

        builder.AddAdoNetGrainStorageAsDefault((OptionsBuilder<Orleans.Configuration.AdoNetGrainStorageOptions> options) =>
            options.Configure<NpgsqlDataSource>((o, dataSource) =>
            {
                o.Invariant = "Npgsql";
                o.DataSource = dataSource;
            }));

        return builder.AddPostgresEventStore(ConversationGrainConstants.EventStoreName, options => options
            .BindConfiguration("EventStore")
            .Configure<NpgsqlDataSource>((o, dataSource) =>
            {
                o.DataSource = dataSource;
                o.EventTypes.AddFromAssembly(typeof(ConversationGrainConstants).Assembly);
                configureEventStore?.Invoke(o);
            }));
    }
}
