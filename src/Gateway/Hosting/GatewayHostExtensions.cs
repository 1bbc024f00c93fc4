using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;
using Orleans.Configuration;
using Orleans.Conversations.Gateway.Api;
using Orleans.Conversations.Gateway.Health;
using Orleans.Conversations.ServiceDefaults;
using Orleans.Dashboard;

namespace Orleans.Conversations.Gateway.Hosting;

/// <summary>Sets up the HTTP gateway: an Orleans client of the cluster, the API, health, OpenAPI and the dashboard.</summary>
public static class GatewayHostExtensions
{
    /// <summary>Registers the gateway's services. Needs <c>ConnectionStrings:EventStore</c>, which the silos use too.</summary>
    public static WebApplicationBuilder AddConversationGateway(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("EventStore");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:EventStore is not set. Set the environment variable ConnectionStrings__EventStore to the " +
                "PostgreSQL the silos use, or start the service with scripts/run, which sets it.");
        }

        builder.AddServiceDefaults("conversations-gateway");
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(HttpGatewayOptions.DefaultUrl);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = HttpGatewayOptions.MaxBodyBytes);

        var options = builder.Configuration.GetSection(HttpGatewayOptions.Section).Get<HttpGatewayOptions>() ?? new HttpGatewayOptions();
        builder.Services.AddOptions<HttpGatewayOptions>().BindConfiguration(HttpGatewayOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.CallTimeout);
            client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.AddDashboard();
            client.AddActivityPropagation();
        });

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsDefaults.Complete);
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"])
            .AddCheck<EventStoreHealthCheck>("eventstore", tags: ["ready"]);
        return builder;
    }

    /// <summary>Maps the API, the seed route, health, OpenAPI and the dashboard.</summary>
    public static WebApplication MapConversationGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<DashboardEntryMiddleware>();
        app.MapSessionsApi();
        app.MapSeedMessageApi();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "Gateway listening on {Urls}: API /api/sessions, dashboard /dashboard, OpenAPI /openapi/v1.json",
            string.Join(", ", app.Urls)));
        return app;
    }
}
