namespace Orleans.Conversations.Engine;

/// <summary>Reads a user message for what it says about the user. Pure: no I/O, no clock, no randomness.</summary>
public interface IMessageUnderstanding
{
    /// <summary>
    /// The one <see cref="Interpretation"/> of <paramref name="text"/>: among the rest, the context changes it asks
    /// for, in order, given what is already known.
    /// </summary>
    Interpretation Understand(string text, SessionContext context);
}
