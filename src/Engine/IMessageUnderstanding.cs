
namespace Orleans.Conversations.Engine;

/// <summary>Reads a user message for what it says about the user. Pure: no I/O, no clock, no randomness.</summary>
public interface IMessageUnderstanding
{
    /// <summary>The context changes <paramref name="text"/> asks for, in order, given what is already known.</summary>
    IReadOnlyList<ContextChange> Understand(string text, SessionContext context);
}
