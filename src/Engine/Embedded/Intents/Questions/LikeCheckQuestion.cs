using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"do I like tea?": checked against the likes by whole words.</summary>
internal sealed class LikeCheckQuestion() : QuestionIntent("likeCheckQuestion")
{
    public override Question Read(Match match, int end) =>
        new(this, match.Index, end, MessageValues.Clean(match.Groups["thing"].Value), match.Groups["verb"].Value.ToLowerInvariant());

    public override string Answer(Question question, Asked asked)
    {
        var (thing, verb, likes) = (question.Wording, question.Variant, asked.Context.Likes);
        var known = likes.FirstOrDefault(like => WordMatch.Overlap(like, thing));
        if (known is not null) return $"Yes! You told me you {verb} {known}.";
        if (likes.IsEmpty) return $"I don't know whether you {verb} {thing} yet. Do you?";
        return $"You haven't told me that you {verb} {thing}. So far I know you like {Phrasing.ListLatest(likes, SaidBack.MaxListed, "thing")}.";
    }
}
