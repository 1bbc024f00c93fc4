using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>Converts a <see cref="SessionContext"/> to and from its <see cref="SessionContextSurrogate"/>.</summary>
[RegisterConverter]
public sealed class SessionContextSurrogateConverter : IConverter<SessionContext, SessionContextSurrogate>
{
    /// <inheritdoc />
    public SessionContext ConvertFromSurrogate(in SessionContextSurrogate surrogate) => SessionContext.Empty with
    {
        Values = surrogate.Values ?? SessionContext.Empty.Values,
        Lists = surrogate.Lists ?? SessionContext.Empty.Lists,
        Favorites = surrogate.Favorites ?? SessionContext.Empty.Favorites,
        FavoriteOrder = surrogate.FavoriteOrder ?? SessionContext.Empty.FavoriteOrder,
    };

    /// <inheritdoc />
    public SessionContextSurrogate ConvertToSurrogate(in SessionContext value) => new()
    {
        Values = value.Values,
        Lists = value.Lists,
        Favorites = value.Favorites,
        FavoriteOrder = value.FavoriteOrder,
    };
}
