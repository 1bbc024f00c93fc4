namespace Orleans.Conversations.Admin;

/// <summary>The arguments of one command: <c>--name value</c> options, <c>--flag</c>s and positional values.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    public IReadOnlyList<string> Positionals => _positionals;

    public string? Value(string option) => _values.GetValueOrDefault(option);

    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>Parses <paramref name="args"/>, allowing only the options and flags named; the error says what is wrong.</summary>
    public static CommandLine Parse(ReadOnlySpan<string> args, string[] options, string[] flags, int maxPositionals)
    {
        var line = new CommandLine();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (options.Contains(arg))
            {
                if (i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new UsageException($"{arg} needs a value.");
                if (!line._values.TryAdd(arg, args[++i]))
                    throw new UsageException($"{arg} is given twice.");
            }
            else if (flags.Contains(arg))
            {
                line._flags.Add(arg);
            }
            else if (arg.StartsWith('-'))
            {
                throw new UsageException($"Unknown option {arg}.");
            }
            else if (line._positionals.Count == maxPositionals)
            {
                throw new UsageException($"Unexpected argument '{arg}'.");
            }
            else
            {
                line._positionals.Add(arg);
            }
        }

        return line;
    }
}
