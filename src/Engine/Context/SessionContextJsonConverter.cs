using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Conversations.Engine;

/// <summary>
/// Writes a <see cref="SessionContext"/> in its JSON shape (see <see cref="SessionContext.ToJson()"/>), favorites least
/// recently told first so that reading it back keeps their order. Reads that shape, and the one written before the slot
/// table (<c>name</c>, <c>location</c>, <c>likes</c>, <c>favorites</c>, <c>facts</c>, <c>favoriteOrder</c>), so that
/// a stored snapshot of either kind reads as the same context.
/// </summary>
public sealed class SessionContextJsonConverter : JsonConverter<SessionContext>
{
    /// <inheritdoc />
    public override SessionContext Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A context is a JSON object.");

        var context = SessionContext.Empty;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            context = key switch
            {
                "favorites" when reader.TokenType == JsonTokenType.StartObject => context with
                {
                    Favorites = JsonSerializer.Deserialize<ImmutableSortedDictionary<string, string>>(ref reader, options)!,
                },
                "favoriteOrder" => context with { FavoriteOrder = JsonSerializer.Deserialize<ImmutableList<string>>(ref reader, options)! },
                _ when reader.TokenType == JsonTokenType.String => context.With(key, reader.GetString()!),
                _ when reader.TokenType == JsonTokenType.StartArray => WithItems(context, key, ref reader),
                _ => Skip(context, ref reader),
            };
        }

        return context;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SessionContext value, JsonSerializerOptions options) =>
        value.ToJson(value.FavoriteTopicsOldestFirst()).WriteTo(writer, options);

    private static SessionContext WithItems(SessionContext context, string key, ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String) context = context.With(key, reader.GetString()!);
        }

        return context;
    }

    private static SessionContext Skip(SessionContext context, ref Utf8JsonReader reader)
    {
        reader.Skip();
        return context;
    }
}
