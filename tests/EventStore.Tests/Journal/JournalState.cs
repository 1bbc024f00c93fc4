namespace Orleans.Conversations.EventStore.Tests.Journal;

[GenerateSerializer]
public sealed class JournalState
{
    [Id(0)] public List<string> Items { get; set; } = [];

    [Id(1)] public int Applied { get; set; }

    public void Apply(JournalEvent @event)
    {
        switch (@event)
        {
            case ItemAdded added:
                Items.Add(added.Item);
                break;
            case ItemRemoved removed:
                Items.Remove(removed.Item);
                break;
        }

        Applied++;
    }
}
