using System.Collections.Immutable;
using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>How a <see cref="SessionContext"/> (a plain record of the engine) crosses the wire.</summary>
[GenerateSerializer, Immutable]
public struct SessionContextSurrogate
{
    /// <summary>See <see cref="SessionContext.Values"/>.</summary>
    [Id(0)] public ImmutableSortedDictionary<string, string> Values;

    /// <summary>See <see cref="SessionContext.Lists"/>.</summary>
    [Id(1)] public ImmutableSortedDictionary<string, ImmutableList<string>> Lists;

    /// <summary>See <see cref="SessionContext.Favorites"/>.</summary>
    [Id(2)] public ImmutableSortedDictionary<string, string> Favorites;

    /// <summary>See <see cref="SessionContext.FavoriteOrder"/>.</summary>
    [Id(3)] public ImmutableList<string> FavoriteOrder;
}
