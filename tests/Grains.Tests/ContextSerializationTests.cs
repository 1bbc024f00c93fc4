using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Conversations.Engine;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Grains.Events;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.State;
using Orleans.Serialization;

namespace Orleans.Conversations.Grains.Tests;

/// <summary>The engine's plain context and turns cross the wire through their surrogates, and old snapshots still read.</summary>
public sealed class ContextSerializationTests
{
    private static SessionContext Full() => SessionContext.Empty
        .With(ContextKeys.Name, "Zoë")
        .With(ContextKeys.Location, "São Paulo")
        .With(ContextKeys.Job, "a nurse")
        .With(ContextKeys.Likes, "tea")
        .With(ContextKeys.Pets, "Rex (dog)")
        .With(ContextKeys.Pets, "Tom (cat)")
        .With(ContextKeys.Favorite("food"), "feijoada")
        .With(ContextKeys.Favorite("color"), "blue")
        .With(ContextKeys.Facts, "my sister is called Eve");

    [Fact]
    public void a_session_view_with_every_slot_and_its_turns_round_trips_through_the_orleans_serializer()
    {
        using var services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(SessionView).Assembly))
            .BuildServiceProvider();
        var view = new SessionView
        {
            SessionId = Guid.NewGuid(),
            Version = 7,
            StartedAt = DateTimeOffset.UnixEpoch,
            LastActivityAt = DateTimeOffset.UnixEpoch.AddMinutes(1),
            MessageCount = 2,
            Context = Full(),
            RecentTurns = [new ConversationTurn(TurnRoles.User, "I have a dog called Rex", DateTimeOffset.UnixEpoch),
                new ConversationTurn(TurnRoles.Assistant, "I'll remember that.", DateTimeOffset.UnixEpoch)],
        };

        var serializer = services.GetRequiredService<Serializer>();
        var read = serializer.Deserialize<SessionView>(serializer.SerializeToArray(view));
        var copy = services.GetRequiredService<DeepCopier>().Copy(view);

        foreach (var other in new[] { read!, copy })
        {
            Assert.Equal(view.Context.ToJson().ToJsonString(), other.Context.ToJson().ToJsonString());
            Assert.Equal(view.Context.FavoriteTopicsOldestFirst(), other.Context.FavoriteTopicsOldestFirst());
            Assert.Equal(view.RecentTurns, other.RecentTurns);
        }
    }

    [Fact]
    public void a_snapshot_whose_context_has_the_shape_before_the_slot_table_reads_as_the_same_context()
    {
        var json = new PostgresEventStoreOptions().JsonOptions;
        var state = new ConversationState();
        state.Apply(new SessionStarted(null, 20, null, null) { At = DateTimeOffset.UnixEpoch });
        var snapshot = JsonNode.Parse(JsonSerializer.Serialize(state, json))!.AsObject();
        snapshot["context"] = JsonNode.Parse("""
            {"name":"Ada","location":"Lima","likes":["tea","chess"],"favorites":{"color":"blue","food":"rice"},
             "facts":["the meeting is at noon"],"favoriteOrder":["food","color"],"isEmpty":false,
             "keys":["name","location","likes","favorite.color","favorite.food","facts"]}
            """);

        var read = JsonSerializer.Deserialize<ConversationState>(snapshot.ToJsonString(), json)!;

        Assert.Equal(
            """{"name":"Ada","location":"Lima","likes":["tea","chess"],"favorite.color":"blue","favorite.food":"rice","facts":["the meeting is at noon"]}""",
            read.Context.ToJson().ToJsonString());
        Assert.Equal(["food", "color"], read.Context.FavoriteTopicsOldestFirst());
    }

    [Fact]
    public void context_events_keep_their_key_and_value_in_json()
    {
        var json = new PostgresEventStoreOptions().JsonOptions;

        var data = JsonNode.Parse(JsonSerializer.Serialize(new ContextUpdated(ContextKeys.Pets, "Rex (dog)") { At = DateTimeOffset.UnixEpoch }, json))!;

        Assert.Equal("pets", data["key"]!.GetValue<string>());
        Assert.Equal("Rex (dog)", data["value"]!.GetValue<string>());
    }
}
