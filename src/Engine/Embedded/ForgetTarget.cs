namespace Orleans.Conversations.Engine.Embedded;

/// <summary>What a forget request names.</summary>
internal enum ForgetTarget
{
    /// <summary>Not a forget request.</summary>
    None,

    /// <summary>The user's name.</summary>
    Name,

    /// <summary>Where the user lives.</summary>
    Location,

    /// <summary>What the user does for a living.</summary>
    Job,

    /// <summary>The user's pets.</summary>
    Pets,

    /// <summary>Everything the user likes.</summary>
    Likes,

    /// <summary>One favorite, named by <see cref="Statement.Topic"/>.</summary>
    Favorite,

    /// <summary>Every favorite.</summary>
    AllFavorites,

    /// <summary>The facts the user asked to be remembered.</summary>
    Facts,

    /// <summary>Everything that is remembered.</summary>
    Everything,
}
