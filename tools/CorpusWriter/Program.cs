// Writes tests/Engine.Tests/Corpus/english.jsonl from the engine as it is: every [InlineData] and [MemberData] row of
// the embedded engine's table-like tests becomes one or two corpus lines (from an empty context and from the known
// one, unless the row names its own context), labelled with what the engine does with it now.
using System.Reflection;
using System.Text.Json;
using Orleans.Conversations.Engine.Tests.Corpus;
using Orleans.Conversations.Engine.Tests.Embedded;
using Xunit;

var output = args.Length > 0 ? args[0] : "tests/Engine.Tests/Corpus/english.jsonl";
string[] messageParams = ["first", "statement", "told", "second", "forget", "correction", "text", "question", "message", "greeting", "thanks"];
Type[] classes = [typeof(RuleBasedUnderstandingTests), typeof(RuleBasedReplyGeneratorTests), typeof(EmbeddedConversationTests), typeof(MessagePatternGuardTests)];

var cases = new List<CorpusCase>();
foreach (var type in classes)
{
    foreach (var method in type.GetMethods())
    {
        var parameters = method.GetParameters();
        foreach (var row in Rows(type, method))
        {
            var named = parameters.Select((p, i) => (p.Name!, Value: i < row.Length ? row[i] : null)).ToList();
            var messages = named.Where(p => messageParams.Contains(p.Item1) && p.Value is string).Select(p => (string)p.Value!).ToList();
            if (messages.Count == 0) continue;
            // (first, second, expected): the second message is the one labelled.
            var before = messages[..^1].ToArray();
            var message = messages[^1];
            var isReplyTest = type == typeof(RuleBasedReplyGeneratorTests);
            int? previous = named.FirstOrDefault(p => p.Item1 is "previous" or "previousCount").Value as int?;
            if (isReplyTest) previous ??= 3;
            var first = isReplyTest ? "hello" : null;

            var context = isReplyTest ? ContextFrom(named) : null;
            var contexts = context is not null ? [context] : new[] { "null", "\"known\"" };
            foreach (var json in contexts)
            {
                var element = json == "null" ? (JsonElement?)null : JsonDocument.Parse(json).RootElement.Clone();
                var corpusCase = new CorpusCase
                {
                    Message = message, Context = element, Before = before.Length > 0 ? before : null, Previous = previous, First = first,
                };
                var (changes, reply) = await CorpusConversation.PlayAsync(corpusCase);
                cases.Add(corpusCase with { Changes = changes, Reply = reply });
            }
        }
    }
}

var lines = cases.Select(c => JsonSerializer.Serialize(c, EnglishCorpus.LineOptions)).Distinct().ToList();
await File.WriteAllLinesAsync(output, lines);
Console.WriteLine($"Wrote {lines.Count} cases to {output}");

static IEnumerable<object?[]> Rows(Type type, MethodInfo method)
{
    foreach (var inline in method.GetCustomAttributes<InlineDataAttribute>())
    {
        foreach (var row in inline.GetData(method)) yield return row;
    }

    foreach (var member in method.GetCustomAttributes<MemberDataAttribute>())
    {
        var source = type.GetMethod(member.MemberName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
        if (source?.Invoke(null, null) is IEnumerable<object?[]> rows)
        {
            foreach (var row in rows) yield return row;
        }
    }
}

static string? ContextFrom(List<(string Name, object? Value)> named)
{
    string? Get(string name) => named.FirstOrDefault(p => p.Name == name).Value as string;
    if (Get("like") is { } like) return JsonSerializer.Serialize(new Dictionary<string, object> { ["likes"] = new[] { like } });
    if (Get("name") is { } name) return JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = name });
    if (Get("key") is { } key && Get("value") is { } value)
    {
        object stored = key is "likes" or "facts" ? new[] { value } : value;
        return JsonSerializer.Serialize(new Dictionary<string, object> { [key] = stored });
    }

    return null;
}
