using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>Finds a remembered favorite by the topic a user names, whatever its spelling ("colour", "colors").</summary>
internal static class FavoriteLookup
{
    /// <summary>The stored topic that <paramref name="topic"/> means, or null when no such favorite is known.</summary>
    public static string? Find(SessionContext context, string topic)
    {
        var stored = MessageValues.Topic(topic);
        if (context.Favorites.ContainsKey(stored)) return stored;

        return context.Favorites.Keys.FirstOrDefault(key => MessageValues.SameTopic(key, topic));
    }
}
