using Orleans.Conversations.EventStore;
using Orleans.Conversations.SessionList.Events;

namespace Orleans.Conversations.SessionList;

/// <summary>What a batch of feed events changes in one session's row, summed up so that a batch costs a row per session.</summary>
internal sealed class SessionChanges(Guid sessionId, SessionListRules rules)
{
    public Guid SessionId { get; } = sessionId;

    /// <summary>The owner, when the session started (or was forked) in this batch.</summary>
    public (string Tenant, string Owner, DateTimeOffset At)? Started { get; private set; }

    /// <summary>The parent, when the session began as a fork in this batch.</summary>
    public ListedForkOrigin? ForkedFrom { get; private set; }

    public int Messages { get; private set; }

    public string? DefaultTitle { get; private set; }

    public string? Title { get; private set; }

    public DateTimeOffset LastActivityAt { get; private set; } = DateTimeOffset.MinValue;

    public int Version { get; private set; }

    public void Apply(FeedEvent @event)
    {
        LastActivityAt = @event.RecordedAt > LastActivityAt ? @event.RecordedAt : LastActivityAt;
        Version = Math.Max(Version, @event.Version);
        switch (SessionEventViews.Read(@event))
        {
            case SessionStartedView started:
                Started = (started.Tenant ?? rules.LegacyTenant, started.Owner ?? rules.LegacyOwner, @event.RecordedAt);
                break;
            case SessionForkedView forked:
                Started = (forked.Tenant, forked.Owner, @event.RecordedAt);
                ForkedFrom = new ListedForkOrigin(forked.ForkedFrom.SessionId, forked.ForkedFrom.Version);
                Messages += forked.Inherited.MessageCount;
                Title = forked.Inherited.Title;
                DefaultTitle ??= rules.DefaultTitle(forked.Inherited.FirstUserMessage);
                break;
            case UserMessageReceivedView message:
                Messages++;
                DefaultTitle ??= rules.DefaultTitle(message.Text);
                break;
            case SessionRenamedView renamed:
                Title = renamed.Title;
                break;
        }
    }
}
