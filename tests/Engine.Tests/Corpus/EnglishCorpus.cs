using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orleans.Conversations.Engine.Tests.Corpus;

/// <summary>The labelled English corpus, <c>Corpus/english.jsonl</c>: one JSON case a line.</summary>
public static class EnglishCorpus
{
    /// <summary>How the corpus is written: one line a case, Unicode as is, nulls left out.</summary>
    public static JsonSerializerOptions LineOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The corpus file next to the test assembly.</summary>
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Corpus", "english.jsonl");

    /// <summary>The cases, each with its line number (one-based); blank lines and lines starting with <c>#</c> are skipped.</summary>
    public static IEnumerable<(int Line, CorpusCase Case)> Read(string? path = null)
    {
        var number = 0;
        foreach (var text in File.ReadLines(path ?? FilePath))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text) || text.StartsWith('#')) continue;
            yield return (number, JsonSerializer.Deserialize<CorpusCase>(text, LineOptions)
                ?? throw new InvalidDataException($"Corpus line {number} is not a case."));
        }
    }
}
