using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// The language of the embedded engine as data: the word lists and phrase patterns of one language, read from its
/// embedded lexicon file (<c>Lexicon/english.json</c>). A pattern may name a fragment (<c>{{leadingSymbol}}</c>) or a
/// word list (<c>{{words:petKinds}}</c>), expanded when it is built. Every pattern runs on the non-backtracking engine,
/// ignoring case unless the file lists it as case-sensitive, with <see cref="MatchTimeoutMilliseconds"/> as a last
/// safety net; each is built once, the first time it is used.
/// </summary>
internal sealed partial class Lexicon
{
    /// <summary>The match timeout of every pattern, generous enough for a busy machine.</summary>
    public const int MatchTimeoutMilliseconds = 1000;

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private readonly FrozenDictionary<string, string> _fragments;
    private readonly FrozenDictionary<string, string> _patterns;
    private readonly FrozenSet<string> _caseSensitive;
    private readonly FrozenDictionary<string, string[]> _words;
    private readonly FrozenDictionary<string, Lazy<Regex>> _built;

    private Lexicon(LexiconFile file)
    {
        _fragments = file.Fragments.ToFrozenDictionary(StringComparer.Ordinal);
        _patterns = file.Patterns.ToFrozenDictionary(StringComparer.Ordinal);
        _caseSensitive = file.CaseSensitivePatterns.ToFrozenSet(StringComparer.Ordinal);
        _words = file.Words.ToFrozenDictionary(StringComparer.Ordinal);
        Reflections = file.Reflections.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _built = _patterns.Keys
            .SelectMany(name => new[] { name, char.ToUpperInvariant(name[0]) + name[1..] }.Distinct()
                .Select(key => (Key: key, Name: name)))
            .ToFrozenDictionary(entry => entry.Key, entry => new Lazy<Regex>(() => Build(entry.Name)), StringComparer.Ordinal);
    }

    /// <summary>The English lexicon.</summary>
    public static Lexicon English { get; } = Load("english.json");

    /// <summary>The names of every pattern in the file.</summary>
    public IEnumerable<string> PatternNames => _patterns.Keys;

    /// <summary>Words said back from the other side: "my" as "your", "I'm" as "you're".</summary>
    public FrozenDictionary<string, string> Reflections { get; }

    /// <summary>The pattern <paramref name="name"/> (a C# name such as <c>LeadingFiller</c> finds <c>leadingFiller</c>).</summary>
    public Regex Pattern(string name) =>
        _built.TryGetValue(name, out var pattern) ? pattern.Value : throw new KeyNotFoundException($"The lexicon has no pattern '{name}'.");

    /// <summary>The word list <paramref name="name"/> as a set that ignores case.</summary>
    public FrozenSet<string> Words(string name) => WordList(name).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The word list <paramref name="name"/> in the file's order.</summary>
    public string[] WordList(string name) =>
        _words.TryGetValue(name, out var words) ? words : throw new KeyNotFoundException($"The lexicon has no word list '{name}'.");

    private Regex Build(string name)
    {
        if (!_patterns.TryGetValue(name, out var pattern)) throw new KeyNotFoundException($"The lexicon has no pattern '{name}'.");
        var options = _caseSensitive.Contains(name) ? Options & ~RegexOptions.IgnoreCase : Options;
        return new Regex(Expand(pattern), options, TimeSpan.FromMilliseconds(MatchTimeoutMilliseconds));
    }

    /// <summary><paramref name="pattern"/> with its fragments and word lists written out.</summary>
    private string Expand(string pattern)
    {
        var expanded = Reference().Replace(pattern, reference => reference.Groups["list"].Success
            ? string.Join('|', WordList(reference.Groups["list"].Value).Select(word => Regex.Escape(word).Replace("\\ ", "\\s+", StringComparison.Ordinal)))
            : _fragments.TryGetValue(reference.Groups["fragment"].Value, out var fragment)
                ? fragment
                : throw new KeyNotFoundException($"The lexicon has no fragment '{reference.Groups["fragment"].Value}'."));
        return expanded == pattern ? pattern : Expand(expanded);
    }

    private static Lexicon Load(string fileName)
    {
        var resource = typeof(Lexicon).Assembly.GetManifestResourceStream($"Orleans.Conversations.Engine.Lexicon.{fileName}")
            ?? throw new InvalidOperationException($"The engine has no lexicon {fileName}.");
        using (resource)
        {
            return new Lexicon(JsonSerializer.Deserialize<LexiconFile>(resource, JsonSerializerOptions.Web)
                ?? throw new InvalidOperationException($"The lexicon {fileName} is empty."));
        }
    }

    [GeneratedRegex(@"\{\{(?:words:(?<list>\w+)|(?<fragment>\w+))\}\}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Reference();

    /// <summary>The lexicon file as it is written.</summary>
    private sealed record LexiconFile(
        string Language,
        Dictionary<string, string> Fragments,
        Dictionary<string, string> Patterns,
        string[] CaseSensitivePatterns,
        Dictionary<string, string[]> Words,
        Dictionary<string, string> Reflections);
}
