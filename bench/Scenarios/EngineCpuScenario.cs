using System.Diagnostics;
using System.Text.Json;
using Orleans.Conversations.Engine;
using Orleans.Conversations.Engine.Embedded;

namespace Orleans.Conversations.Bench.Scenarios;

/// <summary>
/// The embedded engine's processor time per message: understanding and the embedded reply, on one thread, for every
/// distinct message of the English corpus, each from an empty context and from one that knows something of every kind.
/// No database, no grain: only the engine.
/// </summary>
public static class EngineCpuScenario
{
    private const int Passes = 20;

    public static async Task RunAsync(string root)
    {
        var messages = CorpusMessages(Path.Combine(root, "tests", "Engine.Tests", "Corpus", "english.jsonl"));
        var understanding = new RuleBasedUnderstanding();
        var replies = new RuleBasedReplyGenerator();
        SessionContext[] contexts = [SessionContext.Empty, Known()];

        await PassAsync(understanding, replies, messages, contexts);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var pass = 0; pass < Passes; pass++) await PassAsync(understanding, replies, messages, contexts);
        clock.Stop();
        process.Refresh();

        var turns = (double)Passes * messages.Count * contexts.Length;
        var cpuMicroseconds = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / turns;
        var wallMicroseconds = clock.Elapsed.TotalMicroseconds / turns;
        Console.WriteLine($"  {messages.Count} messages x {contexts.Length} contexts x {Passes} passes: "
            + $"{cpuMicroseconds:0.0} µs of processor time a message ({wallMicroseconds:0.0} µs elapsed)");
    }

    private static async Task PassAsync(
        RuleBasedUnderstanding understanding, RuleBasedReplyGenerator replies, List<string> messages, SessionContext[] contexts)
    {
        foreach (var context in contexts)
        {
            foreach (var text in messages)
            {
                var interpretation = understanding.Understand(text, context);
                var after = interpretation.Changes.Aggregate(context, (known, change) => change.ApplyTo(known));
                await replies.GenerateReplyAsync(new ReplyRequest(interpretation, after, [], 3, "hello"), CancellationToken.None);
            }
        }
    }

    private static List<string> CorpusMessages(string path)
    {
        var messages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Where(line => line.StartsWith('{')))
        {
            using var document = JsonDocument.Parse(line);
            messages.Add(document.RootElement.GetProperty("message").GetString()!);
            if (document.RootElement.TryGetProperty("before", out var before))
            {
                foreach (var text in before.EnumerateArray()) messages.Add(text.GetString()!);
            }
        }

        return [.. messages];
    }

    private static SessionContext Known() => SessionContext.Empty
        .With(ContextKeys.Name, "Zoë")
        .With(ContextKeys.Location, "São Paulo")
        .With(ContextKeys.Likes, "tea")
        .With(ContextKeys.Likes, "chess")
        .With(ContextKeys.Favorite("color"), "blue")
        .With(ContextKeys.Facts, "my sister is called Eve");
}
