namespace Orleans.Conversations.Engine.Embedded;

/// <summary>A bare "I'm Ada": only capitalized words that end the clause, never an adjective or a nationality.</summary>
internal sealed class BareNameStatement() : StatementIntent(ContextKeys.Name)
{
    public override bool TryRead(Clause clause, List<Statement> found)
    {
        var lead = Pattern("bareNameLead").Match(clause.Body);
        if (!lead.Success) return false;

        var name = NameRules.Read(clause.Body, lead.Length, NameForm.Bare, clause.AllCaps, out var end);
        if (name is null || MessageValues.IsQuestionAfter(clause.Body, end)) return false;

        SlotReader.AddName(clause.Body, name, end, found);
        return true;
    }
}
