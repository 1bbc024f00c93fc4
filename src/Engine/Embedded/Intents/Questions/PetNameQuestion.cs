using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// "what's my dog's name", "what is my cat called": the latest pet of that kind (the wording); when none is known, as
/// any other question about the user's things (the variant is the thing asked about).
/// </summary>
internal sealed class PetNameQuestion() : QuestionIntent("petNameQuestion")
{
    public override Question Read(Match match, int end) =>
        new(this, match.Index, end, match.Groups["kind"].Value.ToLowerInvariant(), MessageValues.Clean(match.Groups["thing"].Value));

    public override string Answer(Question question, Asked asked)
    {
        var pets = asked.Context.List(ContextKeys.Pets);
        var pet = question.Wording == "pet"
            ? pets.LastOrDefault()
            : pets.LastOrDefault(item => SaidBack.PetParts(item).Kind == question.Wording);
        return pet is null
            ? AboutMyThingQuestion.FromFacts(question.Variant, asked.Context)
            : $"Your {question.Wording} is called {SaidBack.PetParts(pet).Name}.";
    }
}
