using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// The embedded, offline understanding: reads names ("my name is Ada", "call me Ada", "I'm Ada"), places ("I live in
/// London", "I'm from São Paulo"), likes ("I like tea", "I love chess", "I enjoy hiking"), favorites ("my favorite
/// color is blue"), facts ("remember that ...") and requests to forget ("forget my name", "forget everything").
/// Matching ignores case, greetings, fillers and extra spaces; values keep the user's own spelling. Questions teach
/// nothing. Pure and deterministic; never throws.
/// </summary>
public sealed class RuleBasedUnderstanding : IMessageUnderstanding
{
    /// <inheritdoc />
    public Interpretation Understand(string text, SessionContext context)
    {
        var reading = MessageAnalysis.Of(text);
        return new Interpretation(text ?? "", Changes(reading.Statements, context ?? SessionContext.Empty)) { Reading = reading };
    }

    private static List<ContextChange> Changes(IReadOnlyList<Statement> statements, SessionContext known)
    {
        var changes = new List<ContextChange>();
        foreach (var statement in WithWhatFactsState(statements))
        {
            var produced = statement.Intent.Key is null ? Forget(statement, known) : Remember(statement, known);
            foreach (var change in produced)
            {
                var next = change.ApplyTo(known);
                if (next == known && changes.Any(earlier => SameChange(earlier, change))) continue;
                changes.Add(change);
                known = next;
            }
        }

        return changes;
    }

    /// <summary>"remember that my name is Ada" is a fact, and tells the name too.</summary>
    private static IEnumerable<Statement> WithWhatFactsState(IReadOnlyList<Statement> statements)
    {
        foreach (var statement in statements)
        {
            yield return statement;
            if (!statement.Intent.Fills(ContextKeys.Facts)) continue;
            foreach (var stated in MessageParser.StatementsInFact(statement.Value)) yield return stated;
        }
    }

    /// <summary>"I like tea, I like tea": a repeat that changes nothing is recorded once.</summary>
    private static bool SameChange(ContextChange earlier, ContextChange change) =>
        earlier.Key == change.Key && string.Equals(earlier.Value, change.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The changes a statement asks for, its value cut as the context will remember it. A favorite known in another
    /// spelling ("colour" for "color") is replaced: forgotten, then remembered under the spelling told last, as
    /// <c>favorite.T</c> keeps the user's T.
    /// </summary>
    private static IEnumerable<ContextChange> Remember(Statement statement, SessionContext known)
    {
        if (statement.Intent.Fills(ContextKeys.FavoritePrefix)
            && FavoriteLookup.Find(known, statement.Topic) is { } stored
            && ContextKeys.Favorite(stored) != ContextKeys.Favorite(statement.Topic))
        {
            yield return ContextChange.Forget(ContextKeys.Favorite(stored));
        }

        yield return statement.Intent.Remember(statement);
    }

    /// <summary>
    /// Forgets only what is known, so that nothing is recorded for a request with nothing to forget, and with it every
    /// fact that told it ("remember that my name is Ada" goes with the name).
    /// </summary>
    private static IEnumerable<ContextChange> Forget(Statement statement, SessionContext known)
    {
        List<string> keys = statement.Target switch
        {
            ForgetTarget.Everything => [.. known.Keys],
            ForgetTarget.AllFavorites => [.. known.Favorites.Keys.Select(topic => ContextKeys.FavoritePrefix + topic)],
            ForgetTarget.Favorite => FavoriteLookup.Find(known, statement.Topic) is { } topic
                ? [ContextKeys.FavoritePrefix + topic]
                : [],
            _ => [.. known.Keys.Where(key => key == statement.Key)],
        };
        var changes = keys.Select(ContextChange.Forget).ToList();
        if (!keys.Contains(ContextKeys.Facts))
        {
            changes.AddRange(known.Facts.Where(fact => Tells(fact, statement, keys))
                .Select(fact => ContextChange.ForgetItem(ContextKeys.Facts, fact)));
        }

        return changes;
    }

    /// <summary>Whether <paramref name="fact"/> states something that <paramref name="forget"/> forgets.</summary>
    private static bool Tells(string fact, Statement forget, List<string> keys) =>
        MessageParser.StatementsInFact(fact).Any(stated => stated.Intent.Fills(ContextKeys.FavoritePrefix)
            ? forget.Target == ForgetTarget.AllFavorites
                || keys.Any(key => key.StartsWith(ContextKeys.FavoritePrefix, StringComparison.Ordinal)
                    && MessageValues.SameTopic(key[ContextKeys.FavoritePrefix.Length..], stated.Topic))
            : forget.Target == ForgetTarget.Slot && stated.Intent.Fills(forget.Key));
}
