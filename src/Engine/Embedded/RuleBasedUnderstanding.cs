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
            var produced = statement.Kind == StatementKind.Forget ? Forget(statement, known) : Remember(statement, known);
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
            if (statement.Kind != StatementKind.Fact) continue;
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
        var value = SessionContext.LimitLength(statement.Value);
        if (statement.Kind == StatementKind.Favorite
            && FavoriteLookup.Find(known, statement.Topic) is { } stored
            && ContextKeys.Favorite(stored) != ContextKeys.Favorite(statement.Topic))
        {
            yield return ContextChange.Forget(ContextKeys.Favorite(stored));
        }

        yield return statement.Kind switch
        {
            StatementKind.Name => ContextChange.Remember(ContextKeys.Name, value),
            StatementKind.Location => ContextChange.Remember(ContextKeys.Location, value),
            StatementKind.Like => ContextChange.Remember(ContextKeys.Likes, value),
            StatementKind.Job => ContextChange.Remember(ContextKeys.Job, value),
            StatementKind.Pet => ContextChange.Remember(ContextKeys.Pets, SessionContext.LimitLength(PetItem(statement))),
            StatementKind.Favorite => ContextChange.Remember(ContextKeys.Favorite(statement.Topic), value),
            _ => ContextChange.Remember(ContextKeys.Facts, value),
        };
    }

    /// <summary>A pet as the context keeps it: "Rex (dog)", or "Rex" when its kind was not said.</summary>
    internal static string PetItem(Statement pet) => pet.Topic.Length > 0 ? $"{pet.Value} ({pet.Topic})" : pet.Value;

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
            _ => [.. known.Keys.Where(key => key == KeyOf(statement.Target))],
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
        MessageParser.StatementsInFact(fact).Any(stated => stated.Kind switch
        {
            StatementKind.Name => forget.Target == ForgetTarget.Name,
            StatementKind.Location => forget.Target == ForgetTarget.Location,
            StatementKind.Like => forget.Target == ForgetTarget.Likes,
            StatementKind.Job => forget.Target == ForgetTarget.Job,
            StatementKind.Pet => forget.Target == ForgetTarget.Pets,
            StatementKind.Favorite => forget.Target == ForgetTarget.AllFavorites
                || keys.Any(key => key.StartsWith(ContextKeys.FavoritePrefix, StringComparison.Ordinal)
                    && MessageValues.SameTopic(key[ContextKeys.FavoritePrefix.Length..], stated.Topic)),
            _ => false,
        });

    private static string KeyOf(ForgetTarget target) => target switch
    {
        ForgetTarget.Name => ContextKeys.Name,
        ForgetTarget.Location => ContextKeys.Location,
        ForgetTarget.Likes => ContextKeys.Likes,
        ForgetTarget.Job => ContextKeys.Job,
        ForgetTarget.Pets => ContextKeys.Pets,
        _ => ContextKeys.Facts,
    };
}
