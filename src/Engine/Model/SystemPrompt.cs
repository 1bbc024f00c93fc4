using System.Text;
using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Engine.Model;

/// <summary>
/// The system message: the instructions, then what the session remembers, within a number of characters, each slot
/// under its <see cref="ContextSlot.Label"/>, in the order of the slot table. The single values (name, place, job)
/// come first; then the newest facts, list items (likes, pets) and favorites, taken in turn so that no kind crowds out
/// the others, until the next one does not fit: the oldest are left out. A single value longer than the room left is
/// cut. The instructions are always sent whole.
/// </summary>
internal static class SystemPrompt
{
    public const string Instructions =
        "You are a helpful, friendly assistant in a conversation that remembers the user across messages. " +
        "Answer briefly and use what you know about the user when it helps.";

    private const string NothingKnown = "\nNothing is known about the user yet.";
    private const string Heading = "\nWhat you know about the user:";
    private const string LineStart = "\n- ";
    private const string LabelEnd = ": ";
    private const string ItemSeparator = ", ";
    private static readonly string FavoriteLine = LineStart + ContextSlots.Favorites.Label + " ";
    private static readonly string FactLine = Line(ContextSlots.Facts);
    private const int ShortestCut = 12;

    /// <summary>
    /// The system message for <paramref name="context"/>: at most <paramref name="maxLength"/> characters, unless the
    /// instructions alone are longer.
    /// </summary>
    public static string Describe(SessionContext context, int maxLength)
    {
        if (context.IsEmpty) return Instructions + NothingKnown;

        var room = maxLength - Instructions.Length - Heading.Length;
        List<string> singles = [];
        foreach (var slot in ContextSlots.All.Where(slot => slot.Shape == SlotShape.Single))
        {
            if (Cut(Line(slot), context.Value(slot.Key), ref room) is { } line) singles.Add(line);
        }

        // The facts are tried first, then the lists said on one line each, then the favorites, a line each.
        var facts = context.Facts;
        var joined = ContextSlots.All.Where(slot => slot.Shape == SlotShape.List && slot != ContextSlots.Facts)
            .Select(slot => (Line: Line(slot), Items: context.List(slot.Key))).ToList();
        var topics = context.FavoriteTopicsOldestFirst();
        var kept = NewestThatFit(ref room,
        [
            (facts.Count, i => FactLine.Length + facts[i].Length),
            .. joined.Select(list => (list.Items.Count, (Func<int, int>)(i =>
                (i == list.Items.Count - 1 ? list.Line.Length : ItemSeparator.Length) + list.Items[i].Length))),
            (topics.Count, i => FavoriteLine.Length + topics[i].Length + LabelEnd.Length + context.Favorites[topics[i]].Length),
        ]);
        if (singles.Count == 0 && kept.Sum() == 0) return Instructions;

        var text = new StringBuilder(Instructions).Append(Heading).AppendJoin("", singles);
        for (var j = 0; j < joined.Count; j++)
        {
            var (line, items) = joined[j];
            if (kept[j + 1] > 0) text.Append(line).AppendJoin(ItemSeparator, items.Skip(items.Count - kept[j + 1]));
        }

        var keptTopics = topics.Skip(topics.Count - kept[^1]).ToHashSet(StringComparer.Ordinal);
        foreach (var (topic, value) in context.Favorites.Where(favorite => keptTopics.Contains(favorite.Key)))
            text.Append(FavoriteLine).Append(topic).Append(LabelEnd).Append(value);
        foreach (var fact in facts.Skip(facts.Count - kept[0])) text.Append(FactLine).Append(fact);
        return text.ToString();
    }

    /// <summary>The start of a slot's line: "\n- works as: ".</summary>
    private static string Line(ContextSlot slot) => LineStart + slot.Label + LabelEnd;

    /// <summary>The line for <paramref name="value"/>, cut to the room left if it does not fit and the room is not too small.</summary>
    private static string? Cut(string line, string? value, ref int room)
    {
        if (value is null) return null;
        var text = line + value;
        if (text.Length > room)
        {
            if (room < line.Length + ShortestCut) return null;
            var cut = room - 1;
            if (char.IsHighSurrogate(text[cut - 1])) cut--;
            text = text[..cut].TrimEnd() + "…";
        }

        room -= text.Length;
        return text;
    }

    /// <summary>
    /// How many of the newest items of each list fit in <paramref name="room"/>, taken in turn from the list with the
    /// fewest taken so far; a list stops at its first item that does not fit. Items are oldest first; the cost of item
    /// <c>i</c> is what it adds to the message.
    /// </summary>
    private static int[] NewestThatFit(ref int room, (int Count, Func<int, int> Cost)[] lists)
    {
        var kept = new int[lists.Length];
        var open = lists.Select(list => list.Count > 0).ToArray();
        while (Array.IndexOf(open, true) >= 0)
        {
            var next = -1;
            for (var i = 0; i < lists.Length; i++)
            {
                if (open[i] && (next < 0 || kept[i] < kept[next])) next = i;
            }

            var cost = lists[next].Cost(lists[next].Count - 1 - kept[next]);
            if (cost > room)
            {
                open[next] = false;
                continue;
            }

            room -= cost;
            kept[next]++;
            open[next] = kept[next] < lists[next].Count;
        }

        return kept;
    }
}
