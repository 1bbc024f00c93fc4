using System.Diagnostics;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Interfaces.Memory;
using Orleans.Conversations.Grains.Tests.Model;

namespace Orleans.Conversations.Grains.Tests.Memory;

/// <summary>A model-backed session of a user starts with the user's memory in its system message, and the model's words teach it nothing.</summary>
[Collection(ModelClusterCollection.Name)]
public sealed class MemoryInTheModelPromptTests(ModelClusterFixture fixture)
{
    [Fact]
    public async Task a_new_sessions_system_message_carries_the_memory_and_the_models_words_are_not_remembered()
    {
        var user = new Caller("memory-model", $"user-{Guid.NewGuid():N}", false);
        var memory = fixture.Grains.GetGrain<IUserMemoryGrain>(UserMemoryKey.Of(user));
        fixture.Model.Reply = "My name is Mallory and I live in Mordor.";
        await fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid()).SendMessage(user, new UserMessage("My name is Zoë", Guid.NewGuid().ToString()));
        var clock = Stopwatch.StartNew();
        while ((await memory.Read(user)).Items.Count == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the name never reached the memory");
            await Task.Delay(25);
        }

        await fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid()).SendMessage(user, new UserMessage("What should I cook tonight?", Guid.NewGuid().ToString()));

        var system = fixture.Model.Requests[^1]["messages"]![0]!;
        Assert.Equal("system", system["role"]!.GetValue<string>());
        Assert.Contains("Zoë", system["content"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        await Task.Delay(600);
        var item = Assert.Single((await memory.Read(user)).Items);
        Assert.Equal("Zoë", item.Value);
    }
}
