using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Gateway.Cluster;
using Orleans.Conversations.HttpApi.Cluster;
using Orleans.Conversations.HttpApi.Hosting;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Orleans.Conversations.Gateway.Tests;

/// <summary>How the gateway sends a grain call again, without a cluster: the attempts are scripted.</summary>
public sealed class SessionCallRetryTests
{
    private readonly SiloLossMonitor _silos = new(new NoGateways(), TimeProvider.System, NullLogger<SiloLossMonitor>.Instance);

    [Fact]
    public async Task a_call_the_cluster_did_not_process_is_sent_again_until_it_is_answered()
    {
        var attempts = 0;

        var answer = await Calls().RetryAsync(Guid.NewGuid(), () => ++attempts switch
        {
            1 => Task.FromException<int>(new SiloUnavailableException("Target silo is known to be dead")),
            2 => Task.FromException<int>(new ConnectionFailedException("Unable to connect to 127.0.0.1:11112")),
            _ => Task.FromResult(42),
        });

        Assert.Equal(42, answer);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task a_failure_the_grain_reported_is_not_sent_again()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<SessionUnavailableException>(() => Calls().RetryAsync(Guid.NewGuid(), () =>
        {
            attempts++;
            return Task.FromException<int>(new SessionUnavailableException("The event store did not confirm the turn in time."));
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task a_call_in_flight_when_a_silo_is_lost_is_sent_again_at_once()
    {
        var attempts = 0;
        var clock = Stopwatch.StartNew();

        var answering = Calls().RetryAsync(Guid.NewGuid(), () => ++attempts == 1 ? new TaskCompletionSource<int>().Task : Task.FromResult(7));
        await Task.Delay(200);
        _silos.NotifyGatewayCountChanged(1, 2, connectionRecovered: false);

        Assert.Equal(7, await answering.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, attempts);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task retries_stop_within_the_retry_window_and_the_last_failure_is_answered()
    {
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => Calls(retryWindow: TimeSpan.FromSeconds(1)).RetryAsync(Guid.NewGuid(),
            () => Task.FromException<int>(new SiloUnavailableException("Target silo is known to be dead"))));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task a_call_nobody_answers_ends_at_the_call_timeout()
    {
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutException>(() => Calls(callTimeout: TimeSpan.FromSeconds(1)).RetryAsync(Guid.NewGuid(),
            () => new TaskCompletionSource<int>().Task));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(3));
    }

    private SessionCalls Calls(TimeSpan? callTimeout = null, TimeSpan? retryWindow = null) => new(
        null!,
        _silos,
        Options.Create(new HttpGatewayOptions { CallTimeout = callTimeout ?? TimeSpan.FromSeconds(30), RetryWindow = retryWindow ?? TimeSpan.FromSeconds(5) }),
        TimeProvider.System,
        NullLogger<SessionCalls>.Instance);

    private sealed class NoGateways : IGatewayListProvider
    {
        public TimeSpan MaxStaleness => TimeSpan.FromMinutes(1);

        public bool IsUpdatable => false;

        public Task InitializeGatewayListProvider() => Task.CompletedTask;

        public Task<IList<Uri>> GetGateways() => Task.FromResult<IList<Uri>>([]);
    }
}
