namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"what are my pets called", "do I have pets": every pet, by kind and name.</summary>
internal sealed class PetsQuestion() : QuestionIntent("petsQuestion")
{
    public override string Answer(Question question, Asked asked) =>
        asked.Context.List(ContextKeys.Pets).IsEmpty
            ? "You haven't told me about any pets yet. Do you have one?"
            : $"You have {Phrasing.ListLatest([.. asked.Context.List(ContextKeys.Pets).Select(SaidBack.Pet)], SaidBack.MaxListed, "pet")}.";
}
