namespace Orleans.Conversations.EventStore.Serialization;

/// <summary>
/// The stable name under which an event type is stored. Renaming the class keeps old rows readable as long as this
/// name stays.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeNameAttribute(string name) : Attribute
{
    /// <summary>The name written to the <c>event_type</c> column.</summary>
    public string Name { get; } = name;
}
