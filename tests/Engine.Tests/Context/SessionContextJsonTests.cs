using System.Text.Json;
using Xunit;

namespace Orleans.Conversations.Engine.Tests.Context;

public sealed class SessionContextJsonTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static SessionContext Full() => SessionContext.Empty
        .With(ContextKeys.Name, "Zoë")
        .With(ContextKeys.Location, "São Paulo")
        .With(ContextKeys.Job, "a nurse")
        .With(ContextKeys.Likes, "tea")
        .With(ContextKeys.Likes, "chess")
        .With(ContextKeys.Pets, "Rex (dog)")
        .With(ContextKeys.Pets, "Tom (cat)")
        .With(ContextKeys.Favorite("food"), "feijoada")
        .With(ContextKeys.Favorite("color"), "blue")
        .With(ContextKeys.Facts, "my sister is called Eve");

    [Fact]
    public void the_context_shows_each_key_as_the_http_api_always_has()
    {
        var context = SessionContext.Empty
            .With(ContextKeys.Name, "Ada")
            .With(ContextKeys.Location, "Lima")
            .With(ContextKeys.Likes, "tea")
            .With(ContextKeys.Favorite("food"), "rice")
            .With(ContextKeys.Favorite("color"), "blue")
            .With(ContextKeys.Facts, "the meeting is at noon");

        Assert.Equal(
            """{"name":"Ada","location":"Lima","likes":["tea"],"favorite.color":"blue","favorite.food":"rice","facts":["the meeting is at noon"]}""",
            context.ToJson().ToJsonString());
    }

    [Fact]
    public void job_is_a_string_and_pets_an_array_in_the_context()
    {
        var json = Full().ToJson();

        Assert.Equal("a nurse", json["job"]!.GetValue<string>());
        Assert.Equal(["Rex (dog)", "Tom (cat)"], json["pets"]!.AsArray().Select(pet => pet!.GetValue<string>()));
    }

    [Fact]
    public void a_context_read_back_from_its_json_is_the_same_with_its_favorites_in_the_order_told()
    {
        var context = Full();

        var read = JsonSerializer.Deserialize<SessionContext>(JsonSerializer.Serialize(context, Web), Web)!;

        Assert.Equal(context.ToJson().ToJsonString(), read.ToJson().ToJsonString());
        Assert.Equal(["food", "color"], read.FavoriteTopicsOldestFirst());
    }

    [Fact]
    public void a_context_stored_in_the_shape_before_the_slot_table_reads_as_the_same_context()
    {
        const string old = """
            {"name":"Ada","location":"Lima","likes":["tea","chess"],"favorites":{"color":"blue","food":"rice"},
             "facts":["the meeting is at noon"],"favoriteOrder":["food","color"],"isEmpty":false,
             "keys":["name","location","likes","favorite.color","favorite.food","facts"]}
            """;

        var read = JsonSerializer.Deserialize<SessionContext>(old, Web)!;

        Assert.Equal("Ada", read.Name);
        Assert.Equal("Lima", read.Location);
        Assert.Equal(["tea", "chess"], read.Likes);
        Assert.Equal("blue", read.Favorites["color"]);
        Assert.Equal(["food", "color"], read.FavoriteTopicsOldestFirst());
        Assert.Equal(["the meeting is at noon"], read.Facts);
    }

    [Fact]
    public void every_key_the_context_holds_belongs_to_a_slot()
    {
        Assert.All(Full().Keys, key => Assert.NotNull(ContextSlots.Of(key)));
        Assert.Equal(["name", "location", "job", "likes", "pets", "favorite.color", "favorite.food", "facts"], Full().Keys);
    }
}
