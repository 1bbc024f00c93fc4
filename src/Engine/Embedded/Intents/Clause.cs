namespace Orleans.Conversations.Engine.Embedded;

/// <summary>A clause of a message once its greetings, fillers and polite request words are skipped.</summary>
/// <param name="Body">The words of the clause, its statement (if any) at the start.</param>
/// <param name="Polite">Whether the clause asked politely ("could you call me ..."), which makes a question mark no question.</param>
/// <param name="AllCaps">Whether the whole message is in capitals, so that capitals say nothing of names.</param>
internal sealed record Clause(string Body, bool Polite, bool AllCaps);
