namespace Orleans.Conversations.Engine.Embedded;

/// <summary>A question found in a user message, where it starts and ends, and its words that matter.</summary>
/// <param name="Intent">What is asked, and how it is answered.</param>
/// <param name="Start">Where the question starts in the message.</param>
/// <param name="End">Where it ends (exclusive).</param>
/// <param name="Wording">The words that shape the answer: the topic of a favorite, the verb of "where am I from", the
/// thing of "do I like tea", as the user wrote them.</param>
/// <param name="Variant">A spelling or form to mirror: "favourite", "who" for "who am I".</param>
internal sealed record Question(QuestionIntent Intent, int Start, int End, string Wording = "", string Variant = "");
