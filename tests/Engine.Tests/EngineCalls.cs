namespace Orleans.Conversations.Engine.Tests;

/// <summary>Shorthands for the tests: the changes of an understanding, a reply request from its parts.</summary>
internal static class EngineCalls
{
    /// <summary>The context changes <paramref name="understanding"/> reads in <paramref name="text"/>.</summary>
    public static IReadOnlyList<ContextChange> ChangesOf(this IMessageUnderstanding understanding, string text, SessionContext context) =>
        understanding.Understand(text, context).Changes;

    /// <summary>A request for a reply to <paramref name="text"/> with the given changes, read by the reply generator itself.</summary>
    public static ReplyRequest Request(
        string text, SessionContext context, IReadOnlyList<ContextChange> changes, IReadOnlyList<ConversationTurn> recent, int previousCount, string? first) =>
        new(new Interpretation(text, changes), context, recent, previousCount, first);
}
