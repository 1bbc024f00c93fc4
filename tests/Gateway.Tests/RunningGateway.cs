using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Conversations.Gateway.Hosting;
using Orleans.Conversations.HttpApi.Hosting;

namespace Orleans.Conversations.Gateway.Tests;

/// <summary>One real gateway process-in-a-host, on its own loopback port, with the logs it wrote.</summary>
public sealed class RunningGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningGateway(WebApplication app, Uri address, CapturedLogs logs)
    {
        _app = app;
        Address = address;
        Logs = logs;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a gateway with <paramref name="settings"/> over the defaults (a loopback port, no other change).</summary>
    public static async Task<RunningGateway> StartAsync(IDictionary<string, string?> settings, LogLevel captureLevel = LogLevel.Information)
    {
        var (app, logs) = Build(settings, "http://127.0.0.1:0", captureLevel);
        await app.StartAsync();

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var address = new UriBuilder(bound) { Host = "127.0.0.1" }.Uri;
        return new RunningGateway(app, address, logs);
    }

    /// <summary>
    /// Starts a gateway on <paramref name="port"/> without waiting for it to reach its cluster: <paramref name="started"/>
    /// completes when it has, or is cancelled with <paramref name="cancel"/>.
    /// </summary>
    public static RunningGateway Launch(IDictionary<string, string?> settings, int port, CancellationToken cancel, out Task started)
    {
        var (app, logs) = Build(settings, $"http://127.0.0.1:{port}", LogLevel.Information);
        started = app.StartAsync(cancel);
        return new RunningGateway(app, new Uri($"http://127.0.0.1:{port}"), logs);
    }

    private static (WebApplication App, CapturedLogs Logs) Build(IDictionary<string, string?> settings, string urls, LogLevel captureLevel)
    {
        var web = WebApplication.CreateBuilder();
        var logs = new CapturedLogs();
        web.Logging.ClearProviders();
        web.Logging.SetMinimumLevel(captureLevel);
        web.Logging.AddProvider(logs);
        web.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls });
        web.Configuration.AddInMemoryCollection(settings);
        web.AddConversationGateway();
        var app = web.Build();
        app.MapConversationHttpApi();
        return (app, logs);
    }

    /// <summary>A client that sends <paramref name="credential"/> as its bearer token on every request.</summary>
    public HttpClient ClientWith(string? credential)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (credential is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", credential);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
