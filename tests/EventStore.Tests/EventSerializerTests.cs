using System.Text.Json.Nodes;
using Orleans.Conversations.EventStore.Serialization;
using Orleans.Conversations.EventStore.Tests.Journal;

namespace Orleans.Conversations.EventStore.Tests;

public sealed class EventSerializerTests
{
    [Fact]
    public void events_are_stored_under_their_mapped_name_as_camel_case_json()
    {
        var serializer = new EventSerializer(Options());

        Assert.Equal("ItemAdded", serializer.GetTypeName(new ItemAdded("tea")));
        Assert.Equal("""{"item":"São Paulo"}""", serializer.Serialize(new ItemAdded("São Paulo")));
    }

    [Fact]
    public void an_unmapped_event_type_is_refused_with_a_message_that_says_how_to_map_it()
    {
        var options = new PostgresEventStoreOptions();
        options.EventTypes.Add<ItemAdded>("ItemAdded");

        var failure = Assert.Throws<InvalidOperationException>(() => new EventSerializer(options).GetTypeName(new ItemRemoved("x")));

        Assert.Contains("EventTypes.Add<ItemRemoved>", failure.Message);
    }

    [Fact]
    public void one_name_cannot_be_mapped_to_two_types()
    {
        var map = new EventTypeMap().Add<ItemAdded>("Item");

        Assert.Throws<ArgumentException>(() => map.Add<ItemRemoved>("Item"));
    }

    [Fact]
    public void an_upcaster_turns_an_old_shape_into_the_current_event_when_it_is_read()
    {
        var options = Options();
        options.Upcasters.Add(new ThingAddedToItemAdded());

        var @event = new EventSerializer(options).Deserialize<JournalEvent>("ThingAdded", """{"thing":"kettle"}""");

        Assert.Equal(new ItemAdded("kettle"), @event);
    }

    [Fact]
    public void a_stored_type_with_no_class_fails_loudly()
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            new EventSerializer(Options()).Deserialize<JournalEvent>("Vanished", "{}"));

        Assert.Contains("Vanished", failure.Message);
    }

    private static PostgresEventStoreOptions Options()
    {
        var options = new PostgresEventStoreOptions();
        options.EventTypes.AddFromAssembly(typeof(ItemAdded).Assembly);
        return options;
    }

    private sealed class ThingAddedToItemAdded : IEventUpcaster
    {
        public bool CanUpcast(string eventType) => eventType == "ThingAdded";

        public (string EventType, JsonObject Data) Upcast(string eventType, JsonObject data) =>
            ("ItemAdded", new JsonObject { ["item"] = data["thing"]!.GetValue<string>() });
    }
}
