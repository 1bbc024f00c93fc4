namespace Orleans.Conversations.Engine.Embedded;

/// <summary>What a forget request names.</summary>
internal enum ForgetTarget
{
    /// <summary>Not a forget request.</summary>
    None,

    /// <summary>One slot of the slot table, named by <see cref="Statement.Key"/>: the name, the place, the likes ....</summary>
    Slot,

    /// <summary>One favorite, named by <see cref="Statement.Topic"/>.</summary>
    Favorite,

    /// <summary>Every favorite.</summary>
    AllFavorites,

    /// <summary>Everything that is remembered.</summary>
    Everything,
}
