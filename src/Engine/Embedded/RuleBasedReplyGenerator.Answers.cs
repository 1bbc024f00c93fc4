using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Engine.Embedded;

public sealed partial class RuleBasedReplyGenerator
{
    /// <summary>
    /// The most likes, favorites or facts one answer lists: the latest ones, then how many more there are, so that an
    /// answer stays short however much is remembered.
    /// </summary>
    public const int MaxListed = SaidBack.MaxListed;

    private static string Answer(Question question, ReplyRequest request, MessageAnalysis analysis, SessionContext context) =>
        question.Intent.Answer(question, new Asked(request, analysis, context));
}
