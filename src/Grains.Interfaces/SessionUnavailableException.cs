namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// The event store did not confirm the turn in time (the database is unreachable). The turn is stored whole or not
/// at all; retry with the same message id to get exactly one turn.
/// </summary>
[GenerateSerializer]
public sealed class SessionUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SessionUnavailableException(string message) : base(message)
    {
    }
}
