using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Tests.Fakes;

namespace Orleans.Conversations.Grains.Tests.Model;

/// <summary>
/// What the model is sent: the older turns most relevant to the message, beyond the recent-turn window, as recalled
/// excerpts with their dates; of the user's other sessions only while memory is on, and never of a temporary session.
/// </summary>
[Collection(RecallModelClusterCollection.Name)]
public sealed class ModelRecallTests(RecallModelClusterFixture fixture)
{
    private const string Heading = "Recalled excerpts of earlier messages";
    private static readonly string Today = DateTime.UtcNow.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private FakeChatServer Model => fixture.Model;

    private static Caller NewUser() => new("recall-tests", $"user-{Guid.NewGuid():N}", false);

    [Fact]
    public async Task an_early_turn_beyond_the_recent_window_comes_back_marked_with_its_date()
    {
        var user = NewUser();
        var session = await SessionWithEarlyTurnAsync(user, "my grandmother's lasagna uses nutmeg");

        var system = await SystemPromptAfterAsync(session, user, "how much nutmeg goes in the lasagna?");

        Assert.Contains(Heading, system);
        Assert.Contains($"- [{Today}, earlier in this conversation] the user said: my grandmother's lasagna uses nutmeg", system);
        Assert.DoesNotContain("filler", system);
    }

    [Fact]
    public async Task another_session_of_the_user_is_recalled_by_its_title_and_a_temporary_one_never()
    {
        var user = NewUser();
        await SessionWithEarlyTurnAsync(user, "the ferry to Skiathos leaves at dawn");
        var temporary = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        await temporary.Start(user, null, memory: false);
        await Say(temporary, user, "the spare key to the Skiathos house is under the pot");
        await WaitUntilIndexedAsync(temporary.GetPrimaryKey(), 2);

        var system = await SystemPromptAfterAsync(fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid()), user, "when is the Skiathos ferry?");

        Assert.Contains($"- [{Today}, conversation \"the ferry to Skiathos leaves at dawn\"] the user said: the ferry to Skiathos leaves at dawn", system);
        Assert.DoesNotContain("spare key", system);

        var own = await SystemPromptAfterAsync(temporary, user, "where is the Skiathos key and the ferry?");
        Assert.DoesNotContain("leaves at dawn", own);
    }

    [Fact]
    public async Task another_users_turns_are_never_recalled()
    {
        var someone = NewUser();
        await SessionWithEarlyTurnAsync(someone, "the treasure of Oakridge is buried by the well");

        var system = await SystemPromptAfterAsync(fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid()), NewUser(), "where is the treasure of Oakridge?");

        Assert.DoesNotContain("buried", system);
    }

    private async Task<IConversationGrain> SessionWithEarlyTurnAsync(Caller user, string early)
    {
        Model.Reply = "Noted.";
        var session = fixture.Grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        await Say(session, user, early);
        for (var i = 0; i < 3 * RecallModelClusterFixture.RecentTurns; i++)
            await Say(session, user, $"filler {i}");
        await WaitUntilIndexedAsync(session.GetPrimaryKey(), 2 * (1 + 3 * RecallModelClusterFixture.RecentTurns));
        return session;
    }

    private async Task<string> SystemPromptAfterAsync(IConversationGrain session, Caller user, string text)
    {
        Model.Reply = "Noted.";
        await Say(session, user, text);
        var messages = Model.Requests[^1]["messages"]!.AsArray();
        Assert.Equal(text, ContentOf(messages[^1]!));
        return ContentOf(messages[0]!);
    }

    private static Task<MessageReply> Say(IConversationGrain session, Caller user, string text) =>
        session.SendMessage(user, new UserMessage(text, Guid.NewGuid().ToString()));

    private static async Task WaitUntilIndexedAsync(Guid sessionId, int rows)
    {
        var clock = Stopwatch.StartNew();
        // The title recalled is the session list's, a projection of its own: both must have caught up.
        while (await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM search.messages WHERE session_id = $1", sessionId) < rows
               || await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM session_list.sessions WHERE session_id = $1", sessionId) == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"session {sessionId} not indexed");
            await Task.Delay(25);
        }
    }

    private static string ContentOf(JsonNode message) => message["content"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p!["text"]!.GetValue<string>())),
        _ => "",
    };
}
