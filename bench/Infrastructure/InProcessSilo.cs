using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Conversations.Bench.Journal;
using Orleans.Conversations.Grains.Hosting;
using Orleans.Conversations.Silo.Hosting;
using Orleans.Hosting;

namespace Orleans.Conversations.Bench.Infrastructure;

/// <summary>A silo in the benchmark's own process, with the real event store, for the scenarios that need no HTTP.</summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<InProcessSilo> StartAsync(string connectionString, int snapshotInterval)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort(), serviceId: "bench", clusterId: $"bench-{Guid.NewGuid():N}")
            .AddConversationStorage(connectionString, clustering: false, o =>
            {
                o.SnapshotInterval = snapshotInterval;
                o.EventTypes.AddFromAssembly(typeof(BenchAppended).Assembly);
            })
            .AddLogStorageBasedLogConsistencyProvider("LogStorage")
            .AddConversationGrains());
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessSilo(host);
    }

    /// <summary>Deactivates every idle grain, so the next call activates from the store.</summary>
    public Task DeactivateAllAsync() => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
