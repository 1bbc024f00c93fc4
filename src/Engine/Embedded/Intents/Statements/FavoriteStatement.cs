namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"my favorite color is blue", "my favourite food's feijoada": remembered under <c>favorite.T</c>.</summary>
internal sealed class FavoriteStatement() : StatementIntent(ContextKeys.FavoritePrefix)
{
    public override bool TryRead(Clause clause, List<Statement> found)
    {
        var lead = Pattern("favoriteLead").Match(clause.Body);
        if (!lead.Success) return false;

        var topic = MessageValues.Topic(lead.Groups["topic"].Value);
        return topic.Length > 0 && SlotReader.TryValue(clause.Body, lead.Length, this, SlotReader.LikeTail, found, topic);
    }

    public override ContextChange Remember(Statement statement) =>
        ContextChange.Remember(ContextKeys.Favorite(statement.Topic), SessionContext.LimitLength(statement.Value));
}
