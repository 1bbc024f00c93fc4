namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"what are my favorites": every favorite, the latest first told last.</summary>
internal sealed class AllFavoritesQuestion() : QuestionIntent("allFavoritesQuestion")
{
    public override string Answer(Question question, Asked asked) =>
        asked.Context.Favorites.IsEmpty
            ? "I don't know any of your favorites yet. What's your favorite color?"
            : Phrasing.Capitalize(Phrasing.Sentences(SaidBack.Favorites(asked.Context))) + ".";
}
