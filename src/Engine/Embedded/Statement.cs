namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// One statement found in a user message, with where it sits in the text (<see cref="Start"/> inclusive,
/// <see cref="End"/> exclusive) so that the rest of the message can be read for questions.
/// </summary>
internal sealed record Statement(StatementIntent Intent, int Start, int End)
{
    /// <summary>The value as the user wrote it, cleaned of surrounding whitespace and punctuation.</summary>
    public string Value { get; init; } = "";

    /// <summary>The favorite's topic (lower case, single spaces) for a favorite and
    /// <see cref="ForgetTarget.Favorite"/>.</summary>
    public string Topic { get; init; } = "";

    /// <summary>What a request to forget forgets.</summary>
    public ForgetTarget Target { get; init; }

    /// <summary>The slot a <see cref="ForgetTarget.Slot"/> forget statement forgets (see <see cref="ContextKeys"/>).</summary>
    public string Key { get; init; } = "";
}
