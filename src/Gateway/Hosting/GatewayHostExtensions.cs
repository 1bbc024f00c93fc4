using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Conversations.EventStore.Hosting;
using Orleans.Conversations.Gateway.Api;
using Orleans.Conversations.Gateway.Api.OpenAi;
using Orleans.Conversations.Gateway.Cluster;
using Orleans.Conversations.Gateway.Health;
using Orleans.Conversations.Gateway.Security;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.ServiceDefaults;
using Orleans.Conversations.SessionList;
using Orleans.Dashboard;

namespace Orleans.Conversations.Gateway.Hosting;

/// <summary>Sets up the HTTP gateway: an Orleans client of the cluster, the API, health, OpenAPI and the dashboard.</summary>
public static class GatewayHostExtensions
{
    /// <summary>
    /// Registers the separate gateway process: an Orleans client of the cluster and the HTTP API
    /// (<see cref="AddConversationHttpApi"/>). Needs <c>ConnectionStrings:EventStore</c> (the silos' database, where
    /// the cluster's membership is) and reads the <see cref="ClusterIdentityOptions"/>.
    /// </summary>
    public static WebApplicationBuilder AddConversationGateway(this WebApplicationBuilder builder)
    {
        var cluster = ClusterIdentityOptions.Read(builder.Configuration);
        var options = StartupOptions.Read<HttpGatewayOptions>(builder.Configuration, HttpGatewayOptions.Section);
        builder.AddServiceDefaults("conversations-gateway");
        builder.AddEventStoreDataSource();
        // The server listens while the Orleans client is still looking for silos; StartupGate answers until it has.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringClientOptions> clustering) =>
                clustering.Configure<NpgsqlDataSource>((o, dataSource) =>
                {
                    o.Invariant = "Npgsql";
                    o.DataSource = dataSource;
                }));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            client.UseConnectionRetryFilter<ClusterConnectionRetry>();
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.CallTimeout);
            client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.DetectSilentLinks(options.SilentLinkTimeout);
            client.AddDashboard();
            client.AddActivityPropagation();
        });

        // Reads the membership table every second, whether or not the client has found a silo yet.
        builder.Services.AddSingleton<SiloLossMonitor>();
        builder.Services.AddSingleton<ISiloLossSignal>(sp => sp.GetRequiredService<SiloLossMonitor>());
        builder.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<SiloLossMonitor>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SiloLossMonitor>());
        return builder.AddConversationHttpApi();
    }

    /// <summary>
    /// Registers the HTTP API over the cluster that <see cref="IClusterClient"/> reaches: in the gateway process through
    /// <see cref="AddConversationGateway"/>, or in a silo that serves HTTP itself. Reads the
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
        builder.Services.AddSingleton<UserErasure>();
        builder.Services.TryAddSingleton<SessionListStore>();
        builder.Services.AddPostgresEventFeed(EventFeedApi.FeedName);
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
    public static WebApplication MapConversationGateway(this WebApplication app)
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
