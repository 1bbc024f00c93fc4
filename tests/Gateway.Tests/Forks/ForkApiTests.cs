using System.Net;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests.Forks;

[Collection(ServiceCollection.Name)]
public sealed class ForkApiTests(ServiceFixture service)
{
    private HttpClient Http => service.Http;

    [Fact]
    public async Task a_fork_in_the_middle_starts_from_the_parents_state_at_that_version_and_records_where_it_came_from()
    {
        var parent = await Http.TemporaryConversationAsync("My name is Ada", "I live in Lisbon", "I like tea");
        var atVersion = (await Http.StateAsync(parent))["version"]!.GetValue<int>() - 4;

        var fork = await Http.ForkAsync(parent, atVersion);
        var forkId = fork["sessionId"]!.GetValue<Guid>();

        Assert.Equal(1, fork["version"]!.GetValue<int>());
        Assert.Equal(parent, fork["forkedFrom"]!["sessionId"]!.GetValue<Guid>());
        Assert.Equal(atVersion, fork["forkedFrom"]!["version"]!.GetValue<int>());
        var forkState = await Http.StateAsync(forkId);
        Assert.Equal(ForkCalls.Inheritable(await Http.StateAsync(parent, atVersion)), ForkCalls.Inheritable(forkState));
        Assert.Equal(atVersion, forkState["forkedFrom"]!["version"]!.GetValue<int>());
        Assert.Equal(ForkCalls.Inheritable(forkState), ForkCalls.Inheritable(await Http.StateAsync(forkId, 1)));
        var events = await Http.EventsAsync(forkId);
        Assert.Equal("SessionForked", events.Single()!["type"]!.GetValue<string>());
        Assert.Equal(parent, events[0]!["data"]!["forkedFrom"]!["sessionId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task a_fork_without_a_version_is_made_at_the_current_one_and_answers_from_what_it_inherited()
    {
        var parent = await Http.TemporaryConversationAsync("My name is Ada", "I like tea");
        var current = await Http.StateAsync(parent);

        using var created = await Http.PostAsync($"/api/sessions/{parent}/fork", null);
        var fork = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var forkId = fork["sessionId"]!.GetValue<Guid>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/sessions/{forkId}", created.Headers.Location!.ToString());
        Assert.Equal(current["version"]!.GetValue<int>(), fork["forkedFrom"]!["version"]!.GetValue<int>());
        Assert.Equal(ForkCalls.Inheritable(current), ForkCalls.Inheritable(await Http.StateAsync(forkId)));
        var answer = await service.SendAsync(forkId, "How many messages have I sent?");
        Assert.Equal(3, answer["version"]!.GetValue<int>());
        Assert.Equal(3, (await Http.StateAsync(forkId))["messageCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task forking_and_writing_to_the_fork_leave_the_parent_exactly_as_it_was()
    {
        var parent = await Http.TemporaryConversationAsync("My name is Ada", "I live in Lisbon");
        var before = (await Http.EventsAsync(parent)).ToJsonString();
        var stateBefore = (await Http.StateAsync(parent)).ToJsonString();

        var forkId = (await Http.ForkAsync(parent, 2))["sessionId"]!.GetValue<Guid>();
        await service.SendAsync(forkId, "My name is Grace");
        await Http.PostOkAsync($"/api/sessions/{parent}/messages/{await Http.MessageIdAsync(parent, 1)}/edit", new { text = "I live in Porto" });
        await Http.PostOkAsync($"/api/sessions/{parent}/messages/{await Http.MessageIdAsync(parent, 0)}/regenerate", null);

        Assert.Equal(before, (await Http.EventsAsync(parent)).ToJsonString());
        Assert.Equal(stateBefore, (await Http.StateAsync(parent)).ToJsonString());
    }

    [Fact]
    public async Task a_fork_stays_whole_after_its_parent_is_deleted()
    {
        var parent = await Http.TemporaryConversationAsync("My name is Ada", "I live in Lisbon");
        var parentState = await Http.StateAsync(parent);
        var forkId = (await Http.ForkAsync(parent))["sessionId"]!.GetValue<Guid>();

        using var deleted = await Http.DeleteAsync($"/api/sessions/{parent}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        Assert.Equal(ForkCalls.Inheritable(parentState), ForkCalls.Inheritable(await Http.StateAsync(forkId)));
        var answer = await service.SendAsync(forkId, "Where do I live?");
        Assert.Contains("Lisbon", answer["reply"]!.GetValue<string>());
        using var forkOfDeleted = await Http.PostAsync($"/api/sessions/{parent}/fork", null);
        Assert.Equal(HttpStatusCode.NotFound, forkOfDeleted.StatusCode);
    }

    [Fact]
    public async Task a_fork_of_a_fork_records_its_own_parent()
    {
        var parent = await Http.TemporaryConversationAsync("My name is Ada");
        var child = (await Http.ForkAsync(parent))["sessionId"]!.GetValue<Guid>();
        await service.SendAsync(child, "I live in Lisbon");

        var grandchild = (await Http.ForkAsync(child, 2))["sessionId"]!.GetValue<Guid>();

        var state = await Http.StateAsync(grandchild);
        Assert.Equal(child, state["forkedFrom"]!["sessionId"]!.GetValue<Guid>());
        Assert.Equal(ForkCalls.Inheritable(await Http.StateAsync(child, 2)), ForkCalls.Inheritable(state));
        Assert.Equal(2, state["messageCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task a_fork_is_listed_with_its_origin_among_the_sessions_and_among_its_parents_forks()
    {
        var parent = await Http.TemporaryConversationAsync("Tell me about forks in the road");
        var first = (await Http.ForkAsync(parent, 2))["sessionId"]!.GetValue<Guid>();
        var second = (await Http.ForkAsync(parent))["sessionId"]!.GetValue<Guid>();
        var current = (await Http.StateAsync(parent))["version"]!.GetValue<int>();

        var forks = await Http.WaitForForksAsync(parent, f => f.Count == 2);

        Assert.Equal([first, second], forks.Select(f => f!["sessionId"]!.GetValue<Guid>()));
        Assert.Equal([2, current], forks.Select(f => f!["forkedAtVersion"]!.GetValue<int>()));
        Assert.All(forks, f => Assert.Equal("Tell me about forks in the road", f!["title"]!.GetValue<string>()));
        var rows = JsonNode.Parse(await Http.GetStringAsync("/api/sessions?limit=200"))!["sessions"]!.AsArray();
        var row = rows.Single(r => r!["sessionId"]!.GetValue<Guid>() == second)!;
        Assert.Equal(parent, row["forkedFrom"]!["sessionId"]!.GetValue<Guid>());
        Assert.Equal(current, row["forkedFrom"]!["version"]!.GetValue<int>());
        Assert.Equal(1, row["messageCount"]!.GetValue<int>());
        Assert.Null(rows.Single(r => r!["sessionId"]!.GetValue<Guid>() == parent)!["forkedFrom"]);
        Assert.Null((await Http.StateAsync(parent))["forkedFrom"]);
    }
}
