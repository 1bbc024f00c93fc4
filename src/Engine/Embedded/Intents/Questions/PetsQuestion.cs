namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"what are my pets called", "do I have pets": every pet, by kind and name.</summary>
internal sealed class PetsQuestion() : QuestionIntent(QuestionKind.Pets, nameof(MessagePatterns.PetsQuestion))
{
    public override string Answer(Question question, Asked asked) =>
        asked.Context.Pets.IsEmpty
            ? "You haven't told me about any pets yet. Do you have one?"
            : $"You have {Phrasing.ListLatest([.. asked.Context.Pets.Select(SaidBack.Pet)], SaidBack.MaxListed, "pet")}.";
}
