namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// "I have a dog called Rex", "my cat's name is Tom", "my pet is called Bubbles": the name, read as a name is, with
/// its kind as the topic ("" for a plain "pet"); remembered as "Rex (dog)", or "Bubbles".
/// </summary>
internal sealed class PetStatement() : StatementIntent(ContextKeys.Pets)
{
    public override bool TryRead(Clause clause, List<Statement> found)
    {
        var body = clause.Body;
        var lead = Pattern("petLead").Match(body);
        if (!lead.Success) return false;

        var start = MessageValues.SkipLeading(body, lead.Length);
        var name = NameRules.Read(body, start, NameForm.Explicit, clause.AllCaps, out var end);
        if (name is null || MessageValues.IsQuestionAfter(body, end)) return false;

        var kind = string.Join(' ', lead.Groups["kind"].Value.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        found.Add(new Statement(this, 0, end) { Value = name, Topic = kind == "pet" ? "" : kind });
        return true;
    }

    public override ContextChange Remember(Statement statement) =>
        ContextChange.Remember(ContextKeys.Pets, SessionContext.LimitLength(
            statement.Topic.Length > 0 ? $"{statement.Value} ({statement.Topic})" : statement.Value));
}
