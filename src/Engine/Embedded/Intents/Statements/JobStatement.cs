namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"I work as a nurse" (the job keeps its article), "my job is pilot", "I'm a nurse by profession" ("nurse").</summary>
internal sealed class JobStatement() : StatementIntent(ContextKeys.Job)
{
    public override bool TryRead(Clause clause, List<Statement> found)
    {
        var body = clause.Body;
        var byProfession = Pattern("jobByProfession").Match(body);
        if (byProfession.Success)
        {
            var job = MessageValues.Clean(byProfession.Groups["value"].Value);
            if (job.Length == 0 || job.Length > SlotReader.MaxValueLength || MessageValues.IsPronoun(job)) return false;
            found.Add(new Statement(this, 0, byProfession.Length) { Value = job });
            return true;
        }

        var lead = Pattern("jobLead").Match(body);
        return lead.Success && SlotReader.TryValue(body, lead.Length, this, SlotReader.LocationTail, found);
    }
}
