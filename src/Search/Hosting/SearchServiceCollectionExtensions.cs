using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Migrations.Hosting;

namespace Orleans.Conversations.Search.Hosting;

/// <summary>Registers search in a host.</summary>
public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SearchStore"/> (search, and recall as <see cref="ITurnRecall"/>) on the registered
    /// <see cref="NpgsqlDataSource"/>, <see cref="SearchSchema"/> to the host's schema start-up, and the index's reaction
    /// to an erasure: every <see cref="IEventStreamEraser"/> of the process deletes an erased session's rows once the
    /// erasure has committed. For any host that searches, recalls or erases sessions.
    /// </summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.TryAddSingleton<SearchStore>();
        services.TryAddSingleton<ITurnRecall>(sp => sp.GetRequiredService<SearchStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStreamErasureReaction, SearchErasureReaction>());
        services.AddPostgresSchema("Search", SearchSchema.Scripts);
        return services;
    }

    /// <summary>
    /// Adds <see cref="AddSearch"/> and the <see cref="SearchProjector"/> that keeps the index up to date from the feed of
    /// the event store named <paramref name="eventStoreName"/> (unless <c>Search__Index</c> is false), as a hosted
    /// service; events stored before they carried an owner belong to <paramref name="legacyOwner"/>. For silos.
    /// </summary>
    public static IServiceCollection AddSearchProjection(this IServiceCollection services, string eventStoreName, LegacyOwner legacyOwner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventStoreName);
        ArgumentNullException.ThrowIfNull(legacyOwner);
        services.AddSearch();
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateOnStart();
        services.AddOptions<RecallOptions>().BindConfiguration(RecallOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SearchProjector(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredKeyedService<IEventFeed>(eventStoreName),
            legacyOwner,
            sp.GetRequiredService<IOptions<SearchOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SearchProjector>>()));
        services.AddHostedService(sp => sp.GetRequiredService<SearchProjector>());
        return services;
    }

    /// <summary>
    /// Adds the <see cref="EmbeddingProjector"/> that keeps the vectors of semantic recall up to date from the feed of
    /// the event store named <paramref name="eventStoreName"/> with the registered <see cref="IMessageEmbedder"/>, as a
    /// hosted service. For silos with <c>Recall__Embeddings</c> other than none; after <see cref="AddSearchProjection"/>.
    /// </summary>
    public static IServiceCollection AddEmbeddingProjection(this IServiceCollection services, string eventStoreName, LegacyOwner legacyOwner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventStoreName);
        ArgumentNullException.ThrowIfNull(legacyOwner);
        services.TryAddSingleton(sp => new EmbeddingProjector(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredKeyedService<IEventFeed>(eventStoreName),
            legacyOwner,
            sp.GetRequiredService<IMessageEmbedder>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EmbeddingProjector>>()));
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddingProjector>());
        return services;
    }
}
