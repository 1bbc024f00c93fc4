namespace Orleans.Conversations.Engine.Embedded;

/// <summary>What a statement in a user message is about.</summary>
internal enum StatementKind
{
    /// <summary>The user's name ("my name is Ada").</summary>
    Name,

    /// <summary>Where the user lives or comes from ("I live in London").</summary>
    Location,

    /// <summary>Something the user likes ("I like tea").</summary>
    Like,

    /// <summary>What the user does for a living ("I work as a nurse").</summary>
    Job,

    /// <summary>A pet, its name as the value and its kind as the topic ("I have a dog called Rex").</summary>
    Pet,

    /// <summary>A favorite by topic ("my favorite color is blue").</summary>
    Favorite,

    /// <summary>A fact to remember ("remember that my sister is Eve").</summary>
    Fact,

    /// <summary>A request to forget something ("forget my name").</summary>
    Forget,
}
