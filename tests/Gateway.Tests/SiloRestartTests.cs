using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests;

[Collection(ServiceCollection.Name)]
public sealed class SiloRestartTests(ServiceFixture service)
{
    [Fact]
    public async Task a_conversation_carries_on_with_its_context_after_the_silo_is_replaced()
    {
        var sessionId = Guid.NewGuid();
        await service.SendAsync(sessionId, "my name is Ada", "before-1");
        await service.SendAsync(sessionId, "I live in Zürich", "before-2");

        var replacement = await service.Cluster.StartAdditionalSiloAsync();
        foreach (var silo in service.Cluster.Silos.Where(s => s != replacement).ToList())
            await service.Cluster.StopSiloAsync(silo);

        var reply = await RetryAsync(() => service.SendAsync(sessionId, "where do I live?", "after-1"));
        var session = JsonNode.Parse(await service.Http.GetStringAsync($"/api/sessions/{sessionId}"))!;

        Assert.Contains("Zürich", reply["reply"]!.GetValue<string>());
        Assert.Equal("Ada", session["context"]!["name"]!.GetValue<string>());
        Assert.Equal(3, session["messageCount"]!.GetValue<int>());
        Assert.Equal(reply.ToJsonString(), (await service.SendAsync(sessionId, "where do I live?", "after-1")).ToJsonString());
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
