using System.Collections.Concurrent;
using Orleans.Conversations.Engine;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Orleans.Conversations.Failover.Tests;

public sealed class ClusterFailoverTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FailoverCluster.StartAsync();

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task sessions_spread_over_the_silos_and_survive_the_death_of_the_one_hosting_them()
    {
        var sessions = Enumerable.Range(0, 24).Select(_ => Guid.NewGuid()).ToList();
        var acknowledged = sessions.ToDictionary(id => id, _ => new ConcurrentBag<string>());
        foreach (var id in sessions)
            await SendUntilAcknowledgedAsync(id, $"{id:N}-intro", "My name is Ada", acknowledged[id]);

        var hosts = await HostsAsync();
        Assert.True(hosts.Values.Distinct().Count() >= 2, "conversations are spread over more than one silo");
        var victim = hosts.Values.GroupBy(s => s).OrderByDescending(g => g.Count()).First().Key;
        var victimSessions = sessions.Where(id => hosts.GetValueOrDefault(id) == victim).ToList();

        // Traffic flows on every session before, during and after the death of the busiest silo.
        var killed = new TaskCompletionSource();
        var last = new ConcurrentDictionary<Guid, (string Id, string Text)>();
        var traffic = Task.WhenAll(sessions.Select(id => Task.Run(async () =>
        {
            var afterKill = 0;
            for (var i = 0; afterKill < 5; i++)
            {
                var wasKilled = killed.Task.IsCompleted;
                await SendUntilAcknowledgedAsync(id, $"{id:N}-{i}", $"I like thing {i}", acknowledged[id]);
                last[id] = ($"{id:N}-{i}", $"I like thing {i}");
                if (wasKilled)
                    afterKill++;
            }
        })));
        await Task.Delay(500);
        await _cluster.KillSiloAsync(_cluster.Silos.Single(s => s.SiloAddress.Equals(victim)));
        killed.SetResult();
        await traffic;

        foreach (var id in sessions)
        {
            await StreamInvariants.AssertAsync(id, [.. acknowledged[id]]);
            var view = (await Session(id).GetSession(Caller.Local))!;
            var messages = acknowledged[id].Distinct().Count();
            Assert.Equal(messages, view.MessageCount);
            Assert.Equal("Ada", view.Context.Name);
            Assert.Equal(Math.Min(messages - 1, SessionContext.MaxLikes), view.Context.Likes.Count);
        }

        // A client that never heard its reply retries with the same id after the failover: same reply, nothing new.
        var moved = victimSessions[0];
        var versionBefore = (await Session(moved).GetSession(Caller.Local))!.Version;
        var retried = await Session(moved).SendMessage(Caller.Local, new UserMessage(last[moved].Text, last[moved].Id));
        Assert.Equal(versionBefore, (await Session(moved).GetSession(Caller.Local))!.Version);
        Assert.Equal(versionBefore, retried.Version);
        Assert.DoesNotContain(moved, (await HostsAsync()).Where(h => h.Value.Equals(victim)).Select(h => h.Key));
    }

    private IConversationGrain Session(Guid id) => _cluster.GrainFactory.GetGrain<IConversationGrain>(id);

    /// <summary>Sends like a careful client: on any failure, retries with the same message id until it gets a reply.</summary>
    private async Task SendUntilAcknowledgedAsync(Guid id, string messageId, string text, ConcurrentBag<string> acknowledged)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                await Session(id).SendMessage(Caller.Local, new UserMessage(text, messageId));
                acknowledged.Add(messageId);
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private async Task<Dictionary<Guid, SiloAddress>> HostsAsync()
    {
        var statistics = await _cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics
            .Where(s => s.GrainId.Type.ToString() == "conversation")
            .GroupBy(s => s.GrainId.GetGuidKey())
            .ToDictionary(g => g.Key, g => g.First().SiloAddress);
    }
}
