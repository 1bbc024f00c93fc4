using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"what is my car's colour": something about the user no slot holds, answered from a fact that mentions it.</summary>
internal sealed class AboutMyThingQuestion() : QuestionIntent("aboutMyThingQuestion")
{
    private static readonly string[] _thingTail = Lexicon.English.WordList("thingTail");

    public override Question Read(Match match, int end) => new(this, match.Index, end, MessageValues.Clean(match.Groups["thing"].Value));

    public override string Answer(Question question, Asked asked) => FromFacts(question.Wording, asked.Context);

    /// <summary>The remembered fact that mentions <paramref name="thing"/>, else that it is not known yet.</summary>
    public static string FromFacts(string thing, SessionContext context)
    {
        thing = MessageValues.StripTrailingPhrases(thing, _thingTail);
        var head = MessageValues.FirstWord(thing).Replace("'s", "", StringComparison.Ordinal).Replace("’s", "", StringComparison.Ordinal);
        var fact = context.Facts.FirstOrDefault(f => WordMatch.Contains(f, thing))
            ?? (head.Length >= 3 ? context.Facts.FirstOrDefault(f => WordMatch.Overlap(f, head)) : null);
        return fact is not null
            ? $"You told me {Phrasing.Quote(fact)}."
            : $"I don't know your {thing} yet{Phrasing.Address(context.Name)}. Tell me, and I'll remember it.";
    }
}
