using System.Reflection;
using System.Text;

namespace Orleans.Conversations.Migrations;

/// <summary>
/// The numbered SQL scripts one component embeds in its assembly (resources named <c>{prefix}NNN_name.sql</c>), in
/// the order they apply. Each is recorded as <c>{Name}/{file}</c> once applied and must never change afterwards.
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
        Scripts = [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[resourcePrefix.Length..])
            .Order(StringComparer.Ordinal)];
        if (Scripts.Count == 0)
            throw new ArgumentException($"{assembly.GetName().Name} embeds no '{resourcePrefix}*.sql' scripts.", nameof(resourcePrefix));
    }

    /// <summary>The component the scripts belong to, such as <c>eventstore</c>.</summary>
    public string Name { get; }

    /// <summary>The scripts' file names, in the order they apply.</summary>
    public IReadOnlyList<string> Scripts { get; }

    /// <summary>The text of one script.</summary>
    public string Read(string script)
    {
        using var stream = _assembly.GetManifestResourceStream(_resourcePrefix + script)
            ?? throw new ArgumentException($"Script set '{Name}' has no script '{script}'.", nameof(script));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
