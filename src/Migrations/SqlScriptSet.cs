using System.Reflection;
using System.Text;

namespace Orleans.Conversations.Migrations;

/// <summary>
/// The SQL scripts one component embeds in its assembly. Numbered scripts (resources named <c>{prefix}NNN_name.sql</c>)
/// apply once each, in order, are recorded as <c>{Name}/{file}</c> and must never change afterwards. Repeatable scripts
/// (<c>{prefix}repeatable/name.sql</c>), which define things a script can replace whole such as functions, apply after
/// the numbered ones whenever their text changes, and are recorded as <c>{Name}/repeatable/{file}</c>.
/// </summary>
public sealed class SqlScriptSet
{
    private readonly Assembly _assembly;
    private readonly string _resourcePrefix;

    /// <summary>The scripts of <paramref name="assembly"/> whose resource names start with <paramref name="resourcePrefix"/>.</summary>
    public SqlScriptSet(string name, Assembly assembly, string resourcePrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _assembly = assembly;
        _resourcePrefix = resourcePrefix;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[resourcePrefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
        Scripts = [.. names.Where(n => !n.Contains('/', StringComparison.Ordinal))];
        RepeatableScripts = [.. names.Where(n => n.StartsWith(RepeatableFolder, StringComparison.Ordinal) && n.LastIndexOf('/') == RepeatableFolder.Length - 1)];
        if (Scripts.Count == 0)
            throw new ArgumentException($"{assembly.GetName().Name} embeds no '{resourcePrefix}*.sql' scripts.", nameof(resourcePrefix));
    }

    /// <summary>The folder of the repeatable scripts, under the resource prefix.</summary>
    public const string RepeatableFolder = "repeatable/";

    /// <summary>The component the scripts belong to, such as <c>eventstore</c>.</summary>
    public string Name { get; }

    /// <summary>The scripts' file names, in the order they apply.</summary>
    public IReadOnlyList<string> Scripts { get; }

    /// <summary>
    /// The repeatable scripts' names (<c>repeatable/name.sql</c>), in the order they apply: each replaces what it
    /// defines whole (<c>CREATE OR REPLACE</c>), so it can be applied again whenever it changes.
    /// </summary>
    public IReadOnlyList<string> RepeatableScripts { get; }

    /// <summary>The text of one script, numbered or repeatable.</summary>
    public string Read(string script)
    {
        using var stream = _assembly.GetManifestResourceStream(_resourcePrefix + script)
            ?? throw new ArgumentException($"Script set '{Name}' has no script '{script}'.", nameof(script));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
