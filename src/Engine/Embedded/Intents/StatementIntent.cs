using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// One kind of statement the embedded engine reads: its pattern (in the lexicon), its slot reader, and what it makes
/// the context remember. Registered, in the order they are tried on a clause, in <see cref="Intents"/>.
/// </summary>
/// <param name="key">The slot it fills (see <see cref="ContextSlots"/>), or null when it fills none (a request to forget).</param>
internal abstract class StatementIntent(string? key)
{
    /// <summary>The slot it fills, or null.</summary>
    public string? Key { get; } = key;

    /// <summary>Reads <paramref name="clause"/>, whose statement starts at its beginning; adds what it states to <paramref name="found"/>.</summary>
    public abstract bool TryRead(Clause clause, List<Statement> found);

    /// <summary>The lexicon's pattern <paramref name="name"/>.</summary>
    protected static Regex Pattern(string name) => Lexicon.English.Pattern(name);

    /// <summary>Whether it fills <paramref name="key"/> (the prefix of a favorite, for favorites).</summary>
    public bool Fills(string key) => Key == key;

    /// <summary>What remembering <paramref name="statement"/> asks of the context.</summary>
    public virtual ContextChange Remember(Statement statement) =>
        ContextChange.Remember(Key!, SessionContext.LimitLength(statement.Value));
}
