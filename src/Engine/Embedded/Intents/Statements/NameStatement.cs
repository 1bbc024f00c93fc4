namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"my name is Ada", "call me Ada", "I'm called Ada"; and "Ada from London" gives the place too.</summary>
internal sealed class NameStatement() : StatementIntent(ContextKeys.Name)
{
    public override bool TryRead(Clause clause, List<Statement> found)
    {
        var body = clause.Body;
        var lead = Pattern("nameLead").Match(body);
        if (!lead.Success) return false;

        var form = lead.Groups["callme"].Success ? NameForm.CallMe : NameForm.Explicit;
        var start = MessageValues.SkipLeading(body, lead.Length);
        var name = NameRules.Read(body, start, form, clause.AllCaps, out var end);
        if (name is null || (MessageValues.IsQuestionAfter(body, end) && !(clause.Polite && form == NameForm.CallMe)))
            return false;

        SlotReader.AddName(body, name, end, found);
        return true;
    }
}
