using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>What the user does for a living and the user's pets: the statements, and the questions about them.</summary>
internal static partial class MessagePatterns
{
    /// <summary>The kinds of pet a statement or question may name; "pet" names none.</summary>
    private const string PetKind =
        @"(?<kind>guinea\s+pig|dog|puppy|cat|kitten|kitty|hamster|rabbit|bunny|parrot|budgie|canary|bird|goldfish|fish|turtle|tortoise|snake|lizard|gecko|iguana|horse|pony|ferret|mouse|rat|hedgehog|chinchilla|pig|goat|chicken|duck|donkey|axolotl|frog|tarantula|pet)";

    /// <summary>"I work as", "my job is", "my profession is".</summary>
    [GeneratedRegex(
        @"^(?:i\s+(?:(?:currently|now|also|actually)\s+)?work\s+as|my\s+(?:current\s+)?(?:job|profession|occupation)\s*(?:is\b|['’]s\b|:))",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex JobLead();

    /// <summary>"I'm a nurse by profession": the job between the two.</summary>
    [GeneratedRegex(
        @"^i(?:['’]?m|\s+am)\s+(?:an?\s+)?(?<value>[^,;:?!.]{1,60}?)\s+by\s+(?:profession|trade)\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex JobByProfession();

    /// <summary>"I have a dog called", "I've got a cat named", "my cat's name is", "my dog is called", "my pet is called".</summary>
    [GeneratedRegex(
        @"^(?:i(?:\s+have|['’]ve|\s+have\s+got|['’]ve\s+got|\s+got)\s+(?:a|an|one|another)\s+(?:(?:little|small|big|old|young|new)\s+)?" + PetKind + @"\s+(?:called|named)|my\s+(?:(?:little|old|new)\s+)?" + PetKind + @"(?:['’]s\s+name\s*(?:is\b|:)|\s+is\s+(?:called|named)))",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex PetLead();

    /// <summary>"what's my job", "what do I do for a living", "what do I do".</summary>
    [GeneratedRegex(
        @"\b(?:what(?:['’]?s|\s+is|\s+was)\s+my\s+(?:job|profession|occupation|line\s+of\s+work)|what\s+do\s+i\s+do(?:\s+for\s+(?:a\s+)?(?:living|work))?|what\s+do\s+i\s+work\s+as|(?:do|did)\s+you\s+(?:know|remember)\s+(?:my\s+job|what\s+i\s+do(?:\s+for\s+a\s+living)?))\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex JobQuestion();

    /// <summary>"what are my pets called", "what are my pets' names", "do I have pets".</summary>
    [GeneratedRegex(
        @"\b(?:what\s+(?:are|were)\s+(?:the\s+names\s+of\s+)?my\s+pets(?:['’]?\s+names|\s+called)?|(?:do|did)\s+i\s+have\s+(?:any\s+)?pets|what\s+pets\s+do\s+i\s+have|(?:tell|remind)\s+me\s+(?:about\s+)?my\s+pets)\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex PetsQuestion();

    /// <summary>"what's my dog's name", "what is my cat called": <c>thing</c> is what is asked about, as worded.</summary>
    [GeneratedRegex(
        @"\b(?:what(?:['’]?s|\s+is|\s+was)\s+my\s+(?<thing>" + PetKind + @"(?:['’]s\s+name|\s+called|\s+named))|what(?:['’]?s|\s+is)\s+the\s+name\s+of\s+my\s+(?<thing>" + PetKind + @"))\b",
        Options, MatchTimeoutMilliseconds)]
    internal static partial Regex PetNameQuestion();
}
