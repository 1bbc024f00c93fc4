using Orleans.Conversations.Grains.Interfaces;
using Orleans.TestingHost;

namespace Orleans.Conversations.Failover.Tests;

public sealed class DuplicateActivationTests
{
    [Fact]
    public async Task two_clusters_writing_one_session_keep_a_single_history_with_every_message_once()
    {
        // Two clusters that do not know each other share the database: each activates the same session, which is
        // the worst case of a duplicate activation. The (stream, version) check must keep one history.
        var first = await FailoverCluster.StartAsync(silos: 1, postgresMembership: false);
        var second = await FailoverCluster.StartAsync(silos: 1, postgresMembership: false);
        try
        {
            var id = Guid.NewGuid();
            var a = first.GrainFactory.GetGrain<IConversationGrain>(id);
            var b = second.GrainFactory.GetGrain<IConversationGrain>(id);
            await a.Start(Caller.Local, "shared");
            Assert.NotNull(await b.GetSession(Caller.Local));

            var acknowledged = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                var writer = i % 2 == 0 ? a : b;
                await writer.SendMessage(Caller.Local, new UserMessage($"I like item {i}", $"m{i}"));
                acknowledged.Add($"m{i}");
            }

            // Both writers at once: a turn that loses its version is recomputed, and a client that is told to retry does.
            await Task.WhenAll(Enumerable.Range(6, 10).Select(i => SendWithRetriesAsync(i % 2 == 0 ? a : b, new UserMessage($"I like item {i}", $"m{i}"))));
            acknowledged.AddRange(Enumerable.Range(6, 10).Select(i => $"m{i}"));

            await StreamInvariants.AssertAsync(id, acknowledged);

            // A turn is never answered from a stale view: the activation that lost the race re-reads and answers again.
            await b.SendMessage(Caller.Local, new UserMessage("my name is Bea", "name"));
            var answer = await a.SendMessage(Caller.Local, new UserMessage("what is my name?", "ask"));
            Assert.Contains("Bea", answer.Reply);
            var latest = await a.SendMessage(Caller.Local, new UserMessage("what do I like?", "final"));
            Assert.Equal(await TestDatabase.ScalarAsync<int>(
                "SELECT max(version) FROM eventstore.events WHERE stream_id = $1", TestDatabase.StreamOf(id)), latest.Version);
            var view = (await a.GetSession(Caller.Local))!;
            Assert.Equal(19, view.MessageCount);
            Assert.Equal(16, view.Context.Likes.Count);
        }
        finally
        {
            foreach (var cluster in (TestCluster[])[first, second])
            {
                await cluster.StopAllSilosAsync();
                await cluster.DisposeAsync();
            }
        }
    }

    private static async Task SendWithRetriesAsync(IConversationGrain session, UserMessage message)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await session.SendMessage(Caller.Local, message);
                return;
            }
            catch (SessionUnavailableException) when (attempt < 5)
            {
            }
        }
    }
}
