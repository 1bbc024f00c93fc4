using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"what is my favorite color": the topic as the wording, the user's spelling of "favorite" as the variant.</summary>
internal sealed class FavoriteQuestion() : QuestionIntent("favoriteQuestion")
{
    public override Question Read(Match match, int end) =>
        new(this, match.Index, end, MessageValues.Topic(match.Groups["topic"].Value), match.Groups["spelling"].Value.ToLowerInvariant());

    public override string Answer(Question question, Asked asked)
    {
        var spelling = question.Variant == "favourite" ? "favourite" : "favorite";
        return FavoriteLookup.Find(asked.Context, question.Wording) is { } topic
            ? $"Your {spelling} {question.Wording} {Phrasing.IsOrAre(question.Wording)} {asked.Context.Favorites[topic]}."
            : $"I don't know your {spelling} {question.Wording} yet. What is it?";
    }
}
