using System.Text.Json;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.SessionList;

/// <summary>What a batch of feed events changes in one session's row, summed up so that a batch costs a row per session.</summary>
internal sealed class SessionChanges(Guid sessionId)
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
        switch (@event.EventType)
        {
            case "SessionStarted":
                using (var data = JsonDocument.Parse(@event.Data))
                    Started = (Text(data.RootElement, "tenant") ?? Caller.DefaultTenant, Text(data.RootElement, "owner") ?? Caller.LocalUser, @event.RecordedAt);
                break;
            case "UserMessageReceived":
                Messages++;
                if (DefaultTitle is null)
                {
                    using var data = JsonDocument.Parse(@event.Data);
                    DefaultTitle = SessionTitles.FromFirstMessage(Text(data.RootElement, "text"));
                }

                break;
            case "SessionRenamed":
                using (var data = JsonDocument.Parse(@event.Data))
                    Title = Text(data.RootElement, "title");
                break;
        }
    }

    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
