using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests;

/// <summary>The job and the pets, end to end: told over HTTP, kept in the session's context, asked back.</summary>
[Collection(ServiceCollection.Name)]
public sealed class JobAndPetsApiTests(ServiceFixture service)
{
    [Fact]
    public async Task a_job_and_pets_told_over_http_are_in_the_session_and_are_answered_back()
    {
        var sessionId = Guid.NewGuid();

        await service.SendAsync(sessionId, "I work as a nurse");
        await service.SendAsync(sessionId, "I have a dog called Rex");
        await service.SendAsync(sessionId, "I've got a cat called Tom");

        var context = JsonNode.Parse(await service.Http.GetStringAsync($"/api/sessions/{sessionId}"))!["context"]!;
        Assert.Equal("a nurse", context["job"]!.GetValue<string>());
        Assert.Equal(["Rex (dog)", "Tom (cat)"], context["pets"]!.AsArray().Select(pet => pet!.GetValue<string>()));

        Assert.Contains("a nurse", (await service.SendAsync(sessionId, "what's my job?"))["reply"]!.GetValue<string>());
        Assert.Contains("Rex", (await service.SendAsync(sessionId, "what's my dog's name?"))["reply"]!.GetValue<string>());
        var known = (await service.SendAsync(sessionId, "what do you know about me?"))["reply"]!.GetValue<string>();
        Assert.Contains("nurse", known);
        Assert.Contains("Rex", known);
        Assert.Contains("Tom", known);
    }

    [Fact]
    public async Task forgetting_the_job_and_the_pets_removes_them_from_the_session()
    {
        var sessionId = Guid.NewGuid();
        await service.SendAsync(sessionId, "I'm a nurse by profession");
        await service.SendAsync(sessionId, "my dog is called Rex");

        await service.SendAsync(sessionId, "forget my job");
        await service.SendAsync(sessionId, "forget my pets");

        var context = JsonNode.Parse(await service.Http.GetStringAsync($"/api/sessions/{sessionId}"))!["context"]!.AsObject();
        Assert.False(context.ContainsKey("job"));
        Assert.False(context.ContainsKey("pets"));
    }
}
