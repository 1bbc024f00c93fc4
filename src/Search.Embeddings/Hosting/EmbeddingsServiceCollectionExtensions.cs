using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Conversations.Search.Hosting;

namespace Orleans.Conversations.Search.Embeddings.Hosting;

/// <summary>Registers semantic recall in a silo.</summary>
public static class EmbeddingsServiceCollectionExtensions
{
    /// <summary>
    /// When <c>Recall__Embeddings</c> in <paramref name="configuration"/> is <c>minilm</c>: the <see cref="MiniLmEmbedder"/>
    /// as the <see cref="IMessageEmbedder"/> recall fuses with full text, and the <see cref="EmbeddingProjector"/> on the
    /// feed of the event store named <paramref name="eventStoreName"/>. Otherwise nothing (the setting is validated at
    /// start-up by <see cref="SearchServiceCollectionExtensions.AddSearchProjection"/>).
    /// </summary>
    public static IServiceCollection AddConfiguredEmbeddings(
        this IServiceCollection services, IConfiguration configuration, string eventStoreName, LegacyOwner legacyOwner)
    {
        if (configuration[$"{RecallOptions.Section}:{nameof(RecallOptions.Embeddings)}"] != RecallOptions.MiniLm)
            return services;
        services.TryAddSingleton<IMessageEmbedder, MiniLmEmbedder>();
        return services.AddEmbeddingProjection(eventStoreName, legacyOwner);
    }
}
