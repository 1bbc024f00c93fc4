using System.Diagnostics;
using Orleans.Conversations.Bench.Infrastructure;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Bench.Scenarios;

/// <summary>
/// Scenario 3: the time from a message to an inactive session until its reply, by history length, with snapshots
/// (every 100 events) and without.
/// </summary>
public static class ColdActivationScenario
{
    private const int Repetitions = 3;

    public static async Task<List<ColdActivationResult>> RunAsync(BenchDatabase database, BenchSettings settings)
    {
        var sessions = settings.ColdSizes.ToDictionary(size => size, _ => Guid.NewGuid());
        foreach (var (size, id) in sessions)
            await database.FillConversationAsync("eventstore.events", $"conversation/{id:N}", size);

        var results = new List<ColdActivationResult>();
        foreach (var snapshots in (bool[])[true, false])
        {
            await using var silo = await InProcessSilo.StartAsync(database.ConnectionString, snapshots ? 100 : 0);
            foreach (var (size, id) in sessions)
            {
                var session = silo.Grains.GetGrain<IConversationGrain>(id);
                await session.GetSession(Caller.Local);
                var timings = new List<double>();
                for (var i = 0; i < Repetitions; i++)
                {
                    await silo.DeactivateAllAsync();
                    var clock = Stopwatch.StartNew();
                    await session.SendMessage(Caller.Local, new UserMessage("hello again", Guid.NewGuid().ToString()));
                    timings.Add(clock.Elapsed.TotalMilliseconds);
                }

                var median = timings.Order().ElementAt(Repetitions / 2);
                results.Add(new(size, snapshots, median));
                Console.WriteLine($"  {size} events, snapshots {(snapshots ? "on" : "off")}: {median:0.0} ms");
            }
        }

        return results;
    }
}

/// <summary>The median time to the first reply of an inactive session of <see cref="Events"/> events.</summary>
public sealed record ColdActivationResult(int Events, bool Snapshots, double FirstReplyMs);
