namespace Orleans.Conversations.Engine;

/// <summary>How a <see cref="ContextSlot"/> holds what it remembers.</summary>
public enum SlotShape
{
    /// <summary>One value; a new one replaces it.</summary>
    Single,

    /// <summary>A list; each update adds one item (unless already there), a full list forgets its oldest item.</summary>
    List,

    /// <summary>One value per topic, under <c>prefix + topic</c> (favorites); the topic least recently told goes first.</summary>
    Topics,
}
