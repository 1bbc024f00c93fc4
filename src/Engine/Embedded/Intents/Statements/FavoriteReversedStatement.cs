namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"blue is my favorite color": the value first, the topic last, over a whole clause.</summary>
internal sealed class FavoriteReversedStatement() : StatementIntent(ContextKeys.FavoritePrefix)
{
    public override bool TryRead(Clause clause, List<Statement> found)
    {
        var body = clause.Body;
        var match = Pattern("favoriteReversed").Match(body);
        if (!match.Success) return false;

        var value = MessageValues.Clean(match.Groups["value"].Value);
        var topic = MessageValues.Topic(match.Groups["topic"].Value);
        if (value.Length == 0 || topic.Length == 0 || MessageValues.IsPronoun(value)) return false;
        if (MessageValues.StartsWithQuestionWord(value)) return false;

        found.Add(new Statement(this, 0, MessageValues.TrimEnd(body, 0, body.Length)) { Value = value, Topic = topic });
        return true;
    }

    public override ContextChange Remember(Statement statement) =>
        ContextChange.Remember(ContextKeys.Favorite(statement.Topic), SessionContext.LimitLength(statement.Value));
}
