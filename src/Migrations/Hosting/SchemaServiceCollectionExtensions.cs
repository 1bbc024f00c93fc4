using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Orleans.Conversations.Migrations.Hosting;

/// <summary>How a library registers its schema with the host.</summary>
public static class SchemaServiceCollectionExtensions
{
    /// <summary>
    /// Has the host's one schema start-up apply <paramref name="scripts"/> (or, when <paramref name="apply"/> is false,
    /// check that another process applied them) to the database of <paramref name="dataSource"/> (the registered
    /// <see cref="NpgsqlDataSource"/> if null) before the host's other services start. Sets apply in the order they
    /// are registered; registering one set twice applies it once.
    /// </summary>
    public static IServiceCollection AddPostgresSchema(
        this IServiceCollection services,
        string component,
        SqlScriptSet scripts,
        Func<IServiceProvider, NpgsqlDataSource>? dataSource = null,
        Func<IServiceProvider, bool>? apply = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        ArgumentNullException.ThrowIfNull(scripts);
        if (services.Any(d => d.ImplementationInstance is SchemaRegistration r && r.Scripts.Name == scripts.Name && r.Component == component))
            return services;

        services.AddSingleton(new SchemaRegistration(component, scripts, dataSource ?? (sp => sp.GetRequiredService<NpgsqlDataSource>()), apply ?? (_ => true)));
        services.AddOptions<SchemaStartupOptions>().BindConfiguration(SchemaStartupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SchemaStartup)))
        {
            // First of the hosted services: a host that starts them one by one (a silo) has its schema before anything uses it.
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, SchemaStartup>());
        }

        return services;
    }
}
