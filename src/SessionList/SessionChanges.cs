using Orleans.Conversations.EventStore;
using Orleans.Conversations.SessionList.Events;

namespace Orleans.Conversations.SessionList;

/// <summary>What a batch of feed events changes in one session's row, summed up so that a batch costs a row per session.</summary>
internal sealed class SessionChanges(Guid sessionId, SessionListRules rules)
{
    public Guid SessionId { get; } = sessionId;

    /// <summary>The owner, when the session started in this batch.</summary>
    public (string Tenant, string Owner, DateTimeOffset At)? Started { get; private set; }

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
