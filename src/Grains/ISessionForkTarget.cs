using Orleans.Conversations.Grains.Events;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Grains;

/// <summary>
/// A session as the target of a fork, called only by the parent session's grain (inside the silo): the parent
/// checks the caller and works the inherited state out, the fork stores it as its first event.
/// </summary>
public interface ISessionForkTarget : IGrainWithGuidKey
{
    /// <summary>
    /// Starts the session with <paramref name="forked"/> as its first event; a session already started as this same
    /// fork (a retry) changes nothing.
    /// </summary>
    /// <returns>The fork's version.</returns>
    /// <exception cref="SessionNotFoundException">The session was started otherwise, or deleted.</exception>
    Task<int> StartAsFork(Caller caller, SessionForked forked);
}
