using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>What the user does for a living and the user's pets: the statements, and the questions about them.</summary>
internal static partial class MessagePatterns
{
    /// <summary>"I work as", "my job is", "my profession is".</summary>
    internal static Regex JobLead() => Lexicon.English.Pattern(nameof(JobLead));

    /// <summary>"I'm a nurse by profession": the job between the two.</summary>
    internal static Regex JobByProfession() => Lexicon.English.Pattern(nameof(JobByProfession));

    /// <summary>"I have a dog called", "I've got a cat named", "my cat's name is", "my dog is called", "my pet is called".</summary>
    internal static Regex PetLead() => Lexicon.English.Pattern(nameof(PetLead));

    /// <summary>"what's my job", "what do I do for a living", "what do I do".</summary>
    internal static Regex JobQuestion() => Lexicon.English.Pattern(nameof(JobQuestion));

    /// <summary>"what are my pets called", "what are my pets' names", "do I have pets".</summary>
    internal static Regex PetsQuestion() => Lexicon.English.Pattern(nameof(PetsQuestion));

    /// <summary>"what's my dog's name", "what is my cat called": <c>thing</c> is what is asked about, as worded.</summary>
    internal static Regex PetNameQuestion() => Lexicon.English.Pattern(nameof(PetNameQuestion));
}
