using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Migrations.Hosting;

namespace Orleans.Conversations.Access;

/// <summary>Registers API key checking in a host.</summary>
public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ApiKeyStore"/> and <see cref="ApiKeyVerifier"/> on the <see cref="Npgsql.NpgsqlDataSource"/>
    /// already registered, <see cref="ApiKeyOptions"/> from <c>Auth:Keys</c> (validated at start-up), and
    /// <see cref="AccessSchema"/> to the host's schema start-up.
    /// </summary>
    public static IServiceCollection AddApiKeyAccess(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiKeyStore>();
        services.TryAddSingleton<ApiKeyVerifier>();
        services.AddPostgresSchema("API keys", AccessSchema.Scripts);
        return services;
    }
}
