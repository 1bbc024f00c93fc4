using System.Text.RegularExpressions;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// "forget my name", "forget where I live and my job", "forget everything": one statement per target. A target named
/// by a group of the lexicon's <c>forgetTarget</c> pattern that is a slot's key ("name", "job", "pets" ...) forgets
/// that slot; "favorite", "favorites" and "everything" are their own.
/// </summary>
internal sealed class ForgetStatement() : StatementIntent(null)
{
    private static readonly string[] _slotGroups =
        [.. ContextSlots.All.Where(slot => slot.Shape != SlotShape.Topics).Select(slot => slot.Key)];

    public override bool TryRead(Clause clause, List<Statement> found)
    {
        var body = clause.Body;
        var lead = Pattern("forgetLead").Match(body);
        if (!lead.Success) return false;

        var pos = lead.Length;
        while (pos < body.Length)
        {
            var rest = body[pos..];
            var target = Pattern("forgetTarget").Match(rest);
            if (!target.Success || !Holds(target, rest)) break;

            var after = target.Groups["after"];
            pos += after.Success ? after.Index : target.Length;
            var (what, key) = TargetOf(target);
            found.Add(new Statement(this, 0, pos)
            {
                Target = what,
                Key = key,
                Topic = target.Groups["topic"].Success ? MessageValues.Topic(target.Groups["topic"].Value) : "",
            });
            pos += Pattern("forgetJoin").Match(body[pos..]).Length;
        }

        return found.Count > 0;
    }

    /// <summary>"forget all my likes" does not forget everything: "all" counts only when not followed by "my", "the" or "of".</summary>
    private static bool Holds(Match match, string text)
    {
        var all = match.Groups["all"];
        return !all.Success
            || !Pattern("ownerWordFollows").IsMatch(text.AsSpan(all.Index + all.Length))
            || !Pattern("ownerWordFollows").IsMatch(text.AsSpan(all.Index + "all".Length));
    }

    public override ContextChange Remember(Statement statement) =>
        throw new InvalidOperationException("A request to forget remembers nothing.");

    private static (ForgetTarget Target, string Key) TargetOf(Match target) =>
        target.Groups["everything"].Success ? (ForgetTarget.Everything, "")
        : target.Groups["favorites"].Success ? (ForgetTarget.AllFavorites, "")
        : target.Groups["favorite"].Success ? (ForgetTarget.Favorite, "")
        : _slotGroups.FirstOrDefault(key => target.Groups[key].Success) is { } key ? (ForgetTarget.Slot, key)
        : (ForgetTarget.Slot, ContextKeys.Facts);
}
