using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"where do I live", "where am I from": the place, with "from" when asked with it.</summary>
internal sealed class LocationQuestion() : QuestionIntent("locationQuestion")
{
    public override Question Read(Match match, int end) => new(this, match.Index, end, match.Groups["verb"].Value.ToLowerInvariant());

    public override string Answer(Question question, Asked asked)
    {
        var asksFrom = question.Wording.Contains("from", StringComparison.Ordinal);
        if (asked.Context.Location is not { } location)
        {
            return asksFrom
                ? "I don't know where you're from yet. Where are you from?"
                : "I don't know where you live yet. Where's home for you?";
        }

        if (asksFrom) return $"You're from {location}.";
        return question.Wording.Length > 0
            ? $"You live in {location}."
            : Phrasing.Capitalize(SaidBack.Location(location, SaidBack.SaidByUser(asked.Request))) + ".";
    }
}
