namespace Orleans.Conversations.Engine;

/// <summary>One thing a session can remember: a row of <see cref="ContextSlots"/>.</summary>
/// <param name="Key">The key (or, for <see cref="SlotShape.Topics"/>, the key prefix) under which it is remembered.</param>
/// <param name="Shape">A single value, a list, or a value per topic.</param>
/// <param name="MaxItems">The most items of a list or topics kept (1 for a single value).</param>
/// <param name="Label">How the model's system message names it ("name", "works as").</param>
/// <param name="Spoken">How a reply names it ("your name", "where you live").</param>
/// <param name="SaidBack">How a reply says it back: a format for the value or the list of items ("you work as {0}").</param>
public sealed record ContextSlot(string Key, SlotShape Shape, int MaxItems, string Label, string Spoken, string SaidBack)
{
    /// <summary>Whether <paramref name="key"/> is remembered in this slot.</summary>
    public bool Holds(string key) =>
        Shape == SlotShape.Topics
            ? key.StartsWith(Key, StringComparison.Ordinal) && key.Length > Key.Length
            : key == Key;
}
