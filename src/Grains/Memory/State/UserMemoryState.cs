using Orleans.Conversations.Engine;
using Orleans.Conversations.Grains.Interfaces.Memory;
using Orleans.Conversations.Grains.Memory.Events;

namespace Orleans.Conversations.Grains.Memory.State;

/// <summary>
/// A user's memory as its events built it: the items, least recently learned first, whether it is on, and how far it
/// has applied what each session taught.
/// </summary>
[GenerateSerializer]
public sealed class UserMemoryState
{
    /// <summary>Whether sessions read and write the memory.</summary>
    [Id(0)] public bool Enabled { get; set; } = true;

    /// <summary>The items, the one learned (or corrected) longest ago first.</summary>
    [Id(1)] public List<MemoryItem> Items { get; set; } = [];

    /// <summary>Per session, the highest version of its events the memory has applied (<see cref="int.MaxValue"/> for a session forgotten).</summary>
    [Id(2)] public Dictionary<Guid, int> AppliedVersions { get; set; } = [];

    /// <summary>The number of events applied.</summary>
    [Id(3)] public int Version { get; set; }

    /// <summary>The version of <paramref name="sessionId"/> up to which its learnings are applied; 0 when none are.</summary>
    public int AppliedVersionOf(Guid sessionId) => AppliedVersions.GetValueOrDefault(sessionId);

    /// <summary>The item <paramref name="itemId"/>, or null.</summary>
    public MemoryItem? Find(string itemId) => Items.Find(i => i.Id == itemId);

    /// <summary>The items under <paramref name="key"/>, oldest first.</summary>
    public IEnumerable<MemoryItem> Under(string key) => Items.Where(i => i.Key == key);

    /// <summary>The items as the context a session would have built had it learned them all itself, in the order learned.</summary>
    public SessionContext ToContext()
    {
        var context = SessionContext.Empty;
        foreach (var item in Items)
            context = context.With(item.Key, item.Value);
        return context;
    }

    /// <summary>A copy to decide on without touching this state.</summary>
    public UserMemoryState Copy() => new()
    {
        Enabled = Enabled,
        Items = [.. Items],
        AppliedVersions = new Dictionary<Guid, int>(AppliedVersions),
        Version = Version,
    };

    /// <summary>Applies one event of any type; the only way the state changes.</summary>
    public void Apply(MemoryEvent @event)
    {
        Version++;
        switch (@event)
        {
            case MemoryItemRemembered e:
                Items.Add(new MemoryItem(e.ItemId, e.Key, e.Value, e.At, e.Source));
                Passed(e.Source);
                break;
            case MemoryItemCorrected e:
                var index = Items.FindIndex(i => i.Id == e.ItemId);
                if (index >= 0)
                {
                    var corrected = Items[index] with { Value = e.Value, LearnedAt = e.At, Source = e.Source };
                    Items.RemoveAt(index);
                    Items.Add(corrected);
                }

                Passed(e.Source);
                break;
            case MemoryItemForgotten e:
                Items.RemoveAll(i => i.Id == e.ItemId);
                Passed(e.Source);
                break;
            case MemoryCleared:
                Items.Clear();
                break;
            case MemorySwitched e:
                Enabled = e.Enabled;
                break;
            case MemoryLearningPassed e:
                Passed(e.Source);
                break;
            case MemorySessionForgotten e:
                Items.RemoveAll(i => i.Source?.SessionId == e.SessionId);
                AppliedVersions[e.SessionId] = int.MaxValue;
                break;
        }
    }

    private void Passed(MemorySource? source)
    {
        if (source is not null && source.Version > AppliedVersionOf(source.SessionId))
            AppliedVersions[source.SessionId] = source.Version;
    }
}
