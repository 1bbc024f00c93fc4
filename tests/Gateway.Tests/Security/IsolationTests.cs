using System.Net;
using System.Net.Http.Json;

namespace Orleans.Conversations.Gateway.Tests.Security;

[Collection(ServiceCollection.Name)]
public sealed class IsolationTests(ServiceFixture service)
{
    [Fact]
    public async Task two_users_writing_first_to_one_client_chosen_id_get_one_session_owned_by_the_one_who_won()
    {
        using var alice = service.Secured.ClientWith(await service.NewKeyAsync("acme", "alice"));
        using var mallory = service.SecuredB.ClientWith(await service.NewKeyAsync("acme", "mallory"));
        var id = Guid.NewGuid();

        var answers = await Task.WhenAll(
            alice.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "my name is Alice", messageId = "a1" }),
            mallory.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "my name is Mallory", messageId = "m1" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.NotFound], answers.Select(a => a.StatusCode).Order());
        var (winner, loser, winnerName) = answers[0].StatusCode == HttpStatusCode.OK ? (alice, mallory, "alice") : (mallory, alice, "mallory");
        Assert.Equal(winnerName, await TestDatabase.ScalarAsync<string>(
            "SELECT data->>'owner' FROM eventstore.events WHERE stream_id = $1 AND version = 1", TestDatabase.StreamOf(id)));
        var events = await TestDatabase.EventTypesAsync(id);

        foreach (var path in (string[])[$"/api/sessions/{id}", $"/api/sessions/{id}/events", $"/api/sessions/{id}/state?version=1"])
        {
            using var read = await loser.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        using var later = await loser.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "I like chess" });
        Assert.Equal(HttpStatusCode.NotFound, later.StatusCode);
        Assert.Equal(events, await TestDatabase.EventTypesAsync(id));
        using var own = await winner.GetAsync($"/api/sessions/{id}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task a_stranger_replaying_the_owners_message_id_gets_404_and_not_the_reply()
    {
        using var alice = service.Secured.ClientWith(await service.NewKeyAsync("acme", "alice"));
        using var bob = service.Secured.ClientWith(await service.NewKeyAsync("acme", "bob"));
        var id = Guid.NewGuid();
        using var first = await alice.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "remember that my pin is 4321", messageId = "pin" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var replay = await bob.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text = "x", messageId = "pin" });
        using var seedReplay = await bob.PostAsJsonAsync("/message", new { session_id = id, text = "x", message_id = "pin" });

        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, seedReplay.StatusCode);
        Assert.DoesNotContain("4321", await replay.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_session_created_with_a_key_answers_the_same_user_by_token()
    {
        using var byKey = service.Secured.ClientWith(await service.NewKeyAsync("acme", "carol"));
        using var byToken = service.SecuredB.ClientWith(service.Issuer.Token("carol", tenant: "acme"));
        using var created = await byKey.PostAsJsonAsync("/api/sessions", new { userId = "carol" });
        var location = created.Headers.Location!.ToString();

        using var read = await byToken.GetAsync(location);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task a_label_naming_another_user_is_refused_when_credentials_are_required()
    {
        using var carol = service.Secured.ClientWith(await service.NewKeyAsync("acme", "carol"));

        using var response = await carol.PostAsJsonAsync("/api/sessions", new { userId = "dave" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "userId");
    }
}
