using System.Diagnostics;
using Orleans.Conversations.Bench.Infrastructure;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Bench.Scenarios;

/// <summary>Scenario 4: managed bytes each active session holds, with many sessions of 10 turns active at once.</summary>
public static class MemoryScenario
{
    private const int TurnsPerSession = 10;

    public static async Task<MemoryResult> RunAsync(BenchDatabase database, BenchSettings settings)
    {
        var sessions = Enumerable.Range(0, settings.MemorySessions).Select(_ => Guid.NewGuid()).ToArray();
        await database.ExecuteAsync(
            """
            INSERT INTO eventstore.events (stream_id, version, event_type, data, batch_id)
            SELECT 'conversation/' || replace(s::text, '-', ''), v,
                   CASE WHEN v = 1 THEN 'SessionStarted' WHEN v % 2 = 0 THEN 'UserMessageReceived' ELSE 'AssistantReplied' END,
                   CASE WHEN v = 1 THEN jsonb_build_object('userId', null, 'recentTurnLimit', 20, 'at', now())
                        WHEN v % 2 = 0 THEN jsonb_build_object('text', 'message number ' || v, 'messageId', gen_random_uuid(), 'at', now())
                        ELSE jsonb_build_object('text', 'reply number ' || v, 'inReplyTo', 'x', 'at', now()) END,
                   gen_random_uuid()
            FROM unnest($1::uuid[]) AS s CROSS JOIN generate_series(1, $2) AS v
            """, sessions, TurnsPerSession + 1);

        await using var silo = await InProcessSilo.StartAsync(database.ConnectionString, 100);
        await silo.Grains.GetGrain<IConversationGrain>(Guid.NewGuid()).GetSession(Caller.Local);
        var before = Measure();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < sessions.Length; i = Interlocked.Increment(ref next))
                await silo.Grains.GetGrain<IConversationGrain>(sessions[i]).GetSession(Caller.Local);
        })));
        var after = Measure();

        // The window's own share: each turn is a record (24 B header + text reference + role reference + 16 B time)
        // holding a string (22 B + 2 B a character), plus its slot in the list.
        var averageText = ("message number 10".Length + "reply number 11".Length) / 2.0;
        var windowBytes = TurnsPerSession * (48 + 22 + 2 * averageText + 8);
        var managedPerSession = (after.Managed - before.Managed) / (double)sessions.Length;
        var result = new MemoryResult(
            sessions.Length,
            managedPerSession,
            (after.WorkingSet - before.WorkingSet) / (double)sessions.Length,
            windowBytes,
            managedPerSession - windowBytes);
        Console.WriteLine($"  {result.Sessions} sessions: {result.ManagedBytesPerSession:0} managed B each ({result.BeyondWindowBytes:0} B beyond the window)");
        return result;
    }

    private static (long Managed, long WorkingSet) Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}

/// <summary>What each of <see cref="Sessions"/> active sessions costs.</summary>
public sealed record MemoryResult(int Sessions, double ManagedBytesPerSession, double WorkingSetBytesPerSession, double WindowBytes, double BeyondWindowBytes);
