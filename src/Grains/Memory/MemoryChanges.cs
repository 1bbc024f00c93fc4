using Orleans.Conversations.Engine;
using Orleans.Conversations.Grains.Interfaces.Memory;
using Orleans.Conversations.Grains.Memory.Events;
using Orleans.Conversations.Grains.Memory.State;

namespace Orleans.Conversations.Grains.Memory;

/// <summary>
/// Works out the events of one change of a user's memory against a copy of its state, applying each as it goes, so
/// that several changes decided together see each other.
/// </summary>
internal sealed class MemoryChanges(UserMemoryState state, int maxItems, DateTimeOffset now)
{
    private readonly UserMemoryState _draft = state.Copy();

    /// <summary>The events decided so far, in order.</summary>
    public List<MemoryEvent> Events { get; } = [];

    /// <summary>The state with <see cref="Events"/> applied.</summary>
    public UserMemoryState Draft => _draft;

    /// <summary>
    /// Remembers <paramref name="value"/> under <paramref name="key"/>: a single-valued key's item is corrected (its id
    /// kept), a list gets one more item unless it holds the value already; when the memory is full, the item learned
    /// longest ago goes first. The item remembered or corrected, or the one that already held the value.
    /// </summary>
    public MemoryItem Remember(string key, string value, MemorySource? source)
    {
        value = SessionContext.LimitLength(value);
        var single = ContextSlots.Of(key) is { Shape: not SlotShape.List };
        var existing = single
            ? _draft.Under(key).LastOrDefault()
            : _draft.Under(key).LastOrDefault(i => string.Equals(i.Value, value, StringComparison.OrdinalIgnoreCase));
        if (existing is not null)
        {
            if (existing.Value == value && source is not null)
            {
                Raise(new MemoryLearningPassed(source) { At = now });
                return existing;
            }

            Raise(new MemoryItemCorrected(existing.Id, value, source) { At = now });
            return _draft.Find(existing.Id)!;
        }

        while (_draft.Items.Count >= maxItems)
            Raise(new MemoryItemForgotten(_draft.Items[0].Id, source) { At = now });
        var itemId = NewItemId();
        Raise(new MemoryItemRemembered(itemId, key, value, source) { At = now });
        return _draft.Find(itemId)!;
    }

    /// <summary>Applies what a session learned, unless the memory applied it (or a later change of that session) already.</summary>
    public void Learn(SessionLearning learning)
    {
        if (learning.Version <= _draft.AppliedVersionOf(learning.SessionId))
            return;
        var source = new MemorySource(learning.SessionId, learning.Version);
        if (!_draft.Enabled || ContextSlots.Of(learning.Key) is null || (learning.Kind != LearningKind.Forgotten && learning.Value is null))
        {
            Raise(new MemoryLearningPassed(source) { At = now });
            return;
        }

        var before = Events.Count;
        switch (learning.Kind)
        {
            case LearningKind.Remembered:
                Remember(learning.Key, learning.Value!, source);
                break;
            case LearningKind.Forgotten:
                foreach (var item in _draft.Under(learning.Key).ToList())
                    Raise(new MemoryItemForgotten(item.Id, source) { At = now });
                break;
            case LearningKind.ItemForgotten:
                foreach (var item in _draft.Under(learning.Key).Where(i => string.Equals(i.Value, learning.Value, StringComparison.OrdinalIgnoreCase)).ToList())
                    Raise(new MemoryItemForgotten(item.Id, source) { At = now });
                break;
        }

        if (Events.Count == before)
            Raise(new MemoryLearningPassed(source) { At = now });
    }

    /// <summary>Raises <paramref name="event"/> on the draft.</summary>
    public void Raise(MemoryEvent @event)
    {
        _draft.Apply(@event);
        Events.Add(@event);
    }

    private static string NewItemId() => Guid.NewGuid().ToString("N")[..16];
}
