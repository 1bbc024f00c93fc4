using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"what do I like", "what do I love": every like, with the user's verb.</summary>
internal sealed class LikesQuestion() : QuestionIntent("likesQuestion")
{
    public override Question Read(Match match, int end) => new(this, match.Index, end, match.Groups["verb"].Value.ToLowerInvariant());

    public override string Answer(Question question, Asked asked)
    {
        var verb = question.Wording is "" ? "like" : question.Wording;
        return asked.Context.Likes.IsEmpty
            ? $"I don't know what you {verb} yet. Tell me something you enjoy!"
            : $"You {verb} {Phrasing.ListLatest(asked.Context.Likes, SaidBack.MaxListed, "thing")}.";
    }
}
