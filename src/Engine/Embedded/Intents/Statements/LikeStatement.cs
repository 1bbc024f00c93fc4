namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"I like tea", "I love chess", "I'm into hiking": each adds one like.</summary>
internal sealed class LikeStatement() : StatementIntent(ContextKeys.Likes)
{
    public override bool TryRead(Clause clause, List<Statement> found)
    {
        var lead = Pattern("likeLead").Match(clause.Body);
        return lead.Success && SlotReader.TryValue(clause.Body, lead.Length, this, SlotReader.LikeTail, found);
    }
}
