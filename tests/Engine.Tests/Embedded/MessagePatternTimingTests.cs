using Orleans.Conversations.Engine;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Orleans.Conversations.Engine.Embedded;
using Xunit;

namespace Orleans.Conversations.Engine.Tests.Embedded;

/// <summary>
/// Every pattern of the engine's lexicon, so that a new one is covered too, against inputs built to make a
/// backtracking pattern slow: long runs of spaces, letters and punctuation, and the pattern's own words repeated. A
/// match must never time out; its time is the best of a few runs, so that a pause of the machine is not taken for a
/// slow pattern, and the tests run alone.
/// </summary>
[Collection(nameof(MessagePatternTimingTests))]
[CollectionDefinition(nameof(MessagePatternTimingTests), DisableParallelization = true)]
public sealed class MessagePatternTimingTests
{
    private const int InputLength = 8000;

    private static readonly TimeSpan _matchLimit = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan _turnLimit = TimeSpan.FromSeconds(2);

    private static readonly string[] _runs =
    [
        " ", "a", "a ", "ab ", ".", ",", ", ", ". ", "!?", "…", "-", " - ", "(", "'", "a'", "a-", "a.", "1", "\t", "\n",
        " \n", ", and ", " and ", "and ", "I'm ", "i am ", "my ", "my name is ", "call me ", "remember that ",
        "forget my name and ", "forget all my ", "what is my favorite ", "I like ", "I live in ",
        "what do you know about me ", "what do you know about ", "do you remember me to ", "xand ", "Ada ", "São ", "😀",
    ];

    public static TheoryData<string> Patterns()
    {
        var names = new TheoryData<string>();
        foreach (var name in Lexicon.English.PatternNames.Order(StringComparer.Ordinal)) names.Add(name);
        return names;
    }

    [Fact]
    public void the_engine_has_patterns_to_check()
    {
        Assert.True(Lexicon.English.PatternNames.Count() >= 30, "the lexicon has too few patterns");
        Assert.All(GeneratedPatterns(), pattern => Assert.True(pattern.Options.HasFlag(RegexOptions.NonBacktracking), $"{pattern} can backtrack"));
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void each_pattern_runs_on_the_non_backtracking_engine(string name)
    {
        var pattern = Lexicon.English.Pattern(name);

        Assert.True(pattern.Options.HasFlag(RegexOptions.NonBacktracking), $"{name} can backtrack: {pattern.Options}");
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void each_pattern_matches_adversarial_input_in_linear_time(string name)
    {
        var pattern = Lexicon.English.Pattern(name);
        _ = pattern.Matches("warm up my name is Ada, I like tea").Count;

        var slow = new List<string>();
        foreach (var input in AdversarialInputs(pattern.ToString()))
        {
            if (Time(pattern, input) is { } problem) slow.Add($"{name} {problem}");
        }

        Assert.Empty(slow);
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void a_long_run_of_spaces_matches_in_linear_time(string name)
    {
        var pattern = Lexicon.English.Pattern(name);
        var spaces = new string(' ', InputLength);
        _ = pattern.Matches("warm up").Count;

        foreach (var input in new[] { spaces, spaces + "x", "x" + spaces + "?", "my name is" + spaces + "x", spaces + ", from x" })
            Assert.Null(Time(pattern, input));
    }

    [Fact]
    public async Task the_whole_engine_finishes_quickly_on_adversarial_input()
    {
        var understanding = new RuleBasedUnderstanding();
        var generator = new RuleBasedReplyGenerator();
        var context = SessionContext.Empty.With(ContextKeys.Name, "Ada").With(ContextKeys.Likes, "tea");
        var inputs = _runs.Select(run => Repeat(run, InputLength))
            .Concat(_runs.Select(run => "my name is " + Repeat(run, InputLength - 12) + "?"))
            .Concat(_runs.Select(run => Repeat(" ", 4000) + Repeat(run, 4000)));

        // Building the patterns, once per process, is not what is measured.
        await generator.GenerateReplyAsync(new ReplyRequest(understanding.Understand("hi", context), context, [], 1, "hi"), CancellationToken.None);
        foreach (var input in inputs)
        {
            var best = TimeSpan.MaxValue;
            for (var run = 0; run < 3 && best >= _turnLimit; run++)
            {
                var watch = Stopwatch.StartNew();
                var interpretation = understanding.Understand(input, context);
                var reply = await generator.GenerateReplyAsync(new ReplyRequest(interpretation, context, [], 1, "hi"), CancellationToken.None);
                best = watch.Elapsed < best ? watch.Elapsed : best;

                Assert.False(string.IsNullOrWhiteSpace(reply));
            }

            Assert.True(best < _turnLimit, $"took {best.TotalMilliseconds:0} ms at best on {Describe(input)}");
        }
    }

    /// <summary>The patterns the engine's code holds itself, outside the lexicon.</summary>
    private static IEnumerable<Regex> GeneratedPatterns() =>
        typeof(RuleBasedUnderstanding).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(method => method.GetCustomAttribute<GeneratedRegexAttribute>() is not null)
            .Select(method => (Regex)method.Invoke(null, null)!);

    /// <summary>Runs of characters and of words, and runs of the pattern's own words with spaces between them.</summary>
    private static IEnumerable<string> AdversarialInputs(string pattern)
    {
        var spaces = new string(' ', InputLength / 2);
        foreach (var run in _runs)
        {
            yield return Repeat(run, InputLength);
            yield return spaces + Repeat(run, InputLength / 2);
            yield return Repeat(run, InputLength / 2) + spaces + "x";
        }

        var words = Regex.Matches(Regex.Replace(pattern, @"\\[pPk]\{[^}]*\}|\\[a-zA-Z]|\?<\w+>", " "), "[a-z]{2,}")
            .Select(match => match.Value).Distinct().ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var phrase = string.Join(' ', words.Skip(i).Take(4));
            yield return Repeat(phrase + " ", InputLength);
            yield return Repeat(phrase.Replace(" ", "      ", StringComparison.Ordinal) + "      ", InputLength);
            yield return phrase + Repeat(" ", InputLength - phrase.Length - 1) + "!";
        }
    }

    /// <summary>
    /// Null when the best of three runs completes within the limit; otherwise what went wrong. A run that hits the
    /// pattern's own match timeout counts as a slow run, since a busy machine can stall any one of them.
    /// </summary>
    private static string? Time(Regex pattern, string input)
    {
        var best = TimeSpan.MaxValue;
        string? failure = null;
        for (var run = 0; run < 3 && best >= _matchLimit; run++)
        {
            var watch = Stopwatch.StartNew();
            var exception = Record.Exception(() => Exhaust(pattern, input));
            if (exception is RegexMatchTimeoutException)
            {
                failure = $"{exception.GetType().Name} after {watch.Elapsed.TotalMilliseconds:0} ms on {Describe(input)}";
                continue;
            }

            if (exception is not null) return $"{exception.GetType().Name} after {watch.Elapsed.TotalMilliseconds:0} ms on {Describe(input)}";
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        return best < _matchLimit ? null : failure ?? $"took {best.TotalMilliseconds:0} ms on {Describe(input)}";
    }

    private static void Exhaust(Regex pattern, string input)
    {
        _ = pattern.Matches(input).Count;
        _ = pattern.Match(input, input.Length / 2).Success;
    }

    private static string Repeat(string run, int length)
    {
        var text = new System.Text.StringBuilder(length + run.Length);
        while (text.Length < length) text.Append(run);
        return text.ToString(0, length);
    }

    private static string Describe(string input) =>
        $"\"{input[..Math.Min(30, input.Length)].Replace("\n", "\\n", StringComparison.Ordinal)}…\" ({input.Length} characters)";
}
