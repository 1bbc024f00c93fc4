using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Conversations.EventStore.Hosting;
using Orleans.Conversations.HttpApi.Api;
using Orleans.Conversations.HttpApi.Api.OpenAi;
using Orleans.Conversations.HttpApi.Cluster;
using Orleans.Conversations.HttpApi.Health;
using Orleans.Conversations.HttpApi.Security;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Migrations.Hosting;
using Orleans.Conversations.ServiceDefaults;
using Orleans.Conversations.SessionList.Hosting;
using Orleans.Dashboard;

namespace Orleans.Conversations.HttpApi.Hosting;

/// <summary>
/// Sets up the HTTP API of the conversation service in any host that reaches the cluster through an
/// <see cref="IClusterClient"/>: the gateway process (an Orleans client) or a silo that serves HTTP itself.
/// </summary>
public static class HttpApiHostExtensions
{
    /// <summary>
    /// Registers the HTTP API over the cluster that <see cref="IClusterClient"/> reaches: in the gateway process, or in a
    /// silo that serves HTTP itself. A host that can tell when a silo is lost registers its <see cref="ISiloLossSignal"/>
    /// first; otherwise the silo runtime's (<see cref="SiloRuntimeLossSignal"/>) is used. Reads the
    /// <see cref="HttpGatewayOptions"/>, <see cref="MessageLimitOptions"/>, and identity and access
    /// (<see cref="AuthOptions"/>, <see cref="RateLimitOptions"/>); needs the process's event-store data source.
    /// </summary>
    public static WebApplicationBuilder AddConversationHttpApi(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(HttpGatewayOptions.DefaultUrl);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = HttpGatewayOptions.MaxBodyBytes);
        builder.Services.AddOptions<HttpGatewayOptions>().BindConfiguration(HttpGatewayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HttpGatewayOptions>, CallTimeoutValidator>();
        builder.Services.AddOptions<MessageLimitOptions>().BindConfiguration(MessageLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ISiloLossSignal, SiloRuntimeLossSignal>();
        builder.Services.AddSingleton<SessionGrains>();
        builder.Services.AddSingleton<SessionCalls>();
        builder.Services.AddSingleton<TurnStreams>();
        builder.Services.AddSessionEraser();
        builder.AddConversationAccess();

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        builder.Services.AddOpenAiCompatibleApi();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsDefaults.Complete);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"])
            .AddCheck<EventStoreHealthCheck>("eventstore", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Maps the browser page, the API, the admin API, the seed route, health, OpenAPI and the dashboard. Every route
    /// needs an authenticated caller but the page, health and OpenAPI; the admin API an admin, the dashboard an operator.
    /// </summary>
    public static WebApplication MapConversationHttpApi(this WebApplication app)
    {
        app.UseMiddleware<StartupGate>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseOpenModeGuard();
        app.UseBrowserPage();
        app.UseMiddleware<DashboardEntryMiddleware>();
        app.UseWebSockets();
        app.UseConversationAccess();
        app.MapSessionsApi();
        app.MapSeedMessageApi();
        app.MapUsersApi();
        app.MapMemoryApi();
        app.MapSearchApi();
        app.MapEventFeedApi();
        app.MapAdminKeysApi();
        app.MapOpenAiCompatibleApi();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks(HealthPaths.Live, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(HealthPaths.Ready, new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOrleansDashboard(routePrefix: DashboardPaths.Prefix).RequireAuthorization(AccessPolicies.Operator);
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "Gateway listening on {Urls}: page /, API /api/sessions, OpenAI-compatible /v1, dashboard /dashboard, OpenAPI /openapi/v1.json",
            string.Join(", ", app.Urls)));
        return app;
    }
}
