using Microsoft.Extensions.Logging;
using Orleans.Conversations.Engine;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.State;
using Orleans.Conversations.Search;

namespace Orleans.Conversations.Grains;

public sealed partial class ConversationGrain
{
    private const int MaxRecalled = 5;

    /// <summary>
    /// <paramref name="request"/> with the older messages recalled for it, when it needs them: a recall question to the
    /// embedded engine, every turn of a model. The owner's other sessions are in scope only while memory is on for this
    /// session, and never their temporary sessions. One indexed query within the memory's read timeout; a turn never
    /// fails for want of it, it answers without.
    /// </summary>
    private async Task<ReplyRequest> WithRecallAsync(Caller caller, ConversationState state, ReplyRequest request, bool memoryOn)
    {
        var topic = request.Interpretation.RecallTopic;
        if (topic is null && !replyGenerator.RecallsEveryTurn)
            return request;

        var scope = new RecallScope(caller.Tenant, caller.UserId, SessionId, OtherSessions: state.Memory && memoryOn);
        using var timeout = new CancellationTokenSource(_memory.ReadTimeout);
        try
        {
            var recalling = topic is not null
                ? recall.RecallTopicAsync(scope, topic, MaxRecalled, timeout.Token)
                : recall.RecallRelevantAsync(scope, request.Text, OldestRecentTurn(request), MaxRecalled, timeout.Token);
            var recalled = await recalling.WaitAsync(_memory.ReadTimeout);
            return request with { Recalled = [.. recalled.Select(ToExcerpt)] };
        }
        catch (Exception exception)
        {
            logger.LogWarning("Session {SessionId}: older messages cannot be recalled ({Error}); answering without them", SessionId, exception.Message);
            return request;
        }
    }

    /// <summary>Where the recent turns begin: of this session, only what was said before them is recalled.</summary>
    private DateTimeOffset OldestRecentTurn(ReplyRequest request) => request.RecentTurns.Count > 0 ? request.RecentTurns[0].At : clock.GetUtcNow();

    private static RecalledExcerpt ToExcerpt(RecalledMessage message) => new(
        message.Role == SearchRoles.User ? TurnRoles.User : TurnRoles.Assistant, message.Text, message.At, message.SessionId, message.Title, message.SameSession);
}
