using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Grains.Events;

/// <summary>
/// What a fork takes over of its parent's state (<see cref="SessionForked"/>). The parent's message ids are not carried:
/// their events are in the parent's stream, not the fork's, so an id of the parent is a new message in the fork. The
/// one exception is the message left without a reply by a fork made before that reply, which the fork answers.
/// </summary>
/// <param name="UserId">The parent's label for its user.</param>
/// <param name="RecentTurnLimit">How many recent turns the session keeps.</param>
/// <param name="MessageCount">How many user messages the parent had received.</param>
/// <param name="FirstUserMessage">The text of the parent's first user message.</param>
/// <param name="Title">The title the parent's owner gave it, if any.</param>
/// <param name="Context">What the parent remembered about the user.</param>
/// <param name="RecentTurns">The parent's latest turns, oldest first.</param>
/// <param name="Unanswered">The parent's last user message when it had no reply yet at the fork's version.</param>
[GenerateSerializer, Immutable]
public sealed record InheritedSession(
    [property: Id(0)] string? UserId,
    [property: Id(1)] int RecentTurnLimit,
    [property: Id(2)] int MessageCount,
    [property: Id(3)] string? FirstUserMessage,
    [property: Id(4)] string? Title,
    [property: Id(5)] SessionContext Context,
    [property: Id(6)] ConversationTurn[] RecentTurns,
    [property: Id(7)] UnansweredMessage? Unanswered);
