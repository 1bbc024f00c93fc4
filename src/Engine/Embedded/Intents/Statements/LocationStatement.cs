namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"I live in London", "I'm from São Paulo", "I'm based in Lima".</summary>
internal sealed class LocationStatement() : StatementIntent(ContextKeys.Location)
{
    public override bool TryRead(Clause clause, List<Statement> found)
    {
        var lead = Pattern("locationLead").Match(clause.Body);
        return lead.Success && SlotReader.TryValue(clause.Body, lead.Length, this, SlotReader.LocationTail, found);
    }
}
