namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"remember that ...", "please remember ...", "don't forget that ...": a fact, kept as the user wrote it.</summary>
internal sealed class FactStatement() : StatementIntent(ContextKeys.Facts)
{
    private const int MaxFactLength = 1000;

    private static readonly string[] _factTail = Lexicon.English.WordList("factTail");

    public override bool TryRead(Clause clause, List<Statement> found)
    {
        var body = clause.Body;
        var lead = Pattern("factLead").Match(body);
        if (!lead.Success) return false;

        var start = MessageValues.SkipLeading(body, lead.Length);
        var end = MessageValues.TrimEnd(body, start, body.Length);
        var whole = MessageValues.Clean(body[start..end].TrimStart(','));
        var value = MessageValues.StripTrailingPhrases(whole, _factTail);
        var tagQuestion = value.Length < whole.Length;
        if (MessageValues.IsQuestionAfter(body, end) && !clause.Polite && !tagQuestion) return false;

        if (value.Length == 0 || value.Length > MaxFactLength || MessageValues.IsPronoun(value)) return false;
        if (MessageValues.StartsWithQuestionWord(value)) return false;
        if (!lead.Groups["that"].Success && IsReference(value)) return false;

        found.Add(new Statement(this, 0, end) { Value = value });
        return true;
    }

    /// <summary>"remember my name" points at something instead of stating it.</summary>
    private static bool IsReference(string value)
    {
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 2 && words[0].Equals("my", StringComparison.OrdinalIgnoreCase);
    }
}
