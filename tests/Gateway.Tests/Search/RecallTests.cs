using System.Text.Json.Nodes;
using Orleans.Conversations.Gateway.Tests.Memory;

namespace Orleans.Conversations.Gateway.Tests.Search;

/// <summary>
/// The embedded engine's recall over real HTTP: "what did I say about X?" quotes the user's own words and their date
/// from long conversations, where X was said far beyond the recent-turn window, naming the other conversation when it
/// was another one, and never from a temporary session.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class RecallTests(ServiceFixture service)
{
    private const int Turns = 45;

    /// <summary>Held-back conversations: what was said early (turn 1 to 4), then filler, then the questions and the words their answer quotes.</summary>
    private static readonly (string Title, string[] Early, (string Question, string Quoted)[] Asked)[] Conversations =
    [
        ("Moving house", ["I signed the lease for the flat on Rua Augusta", "the movers come on a Thursday", "my piano needs a special crate"],
        [
            ("what did I say about the piano?", "my piano needs a special crate"),
            ("did I mention the movers?", "the movers come on a Thursday"),
            ("when did we talk about the lease?", "I signed the lease for the flat on Rua Augusta"),
        ]),
        ("Garden", ["the tomatoes got blight this summer", "I planted garlic next to the roses", "our compost heap smells of vinegar"],
        [
            ("what did I tell you about the garlic?", "I planted garlic next to the roses"),
            ("have I mentioned blight?", "the tomatoes got blight this summer"),
            ("what have I said about compost", "our compost heap smells of vinegar"),
        ]),
        ("Exam prep", ["my chemistry exam is on the fourth of March", "I keep mixing up ionic and covalent bonds", "Zoë lends me her notes"],
        [
            ("when did I mention the chemistry exam?", "my chemistry exam is on the fourth of March"),
            ("did I mention Zoe?", "Zoë lends me her notes"),
            ("what did I say about covalent bonds?", "I keep mixing up ionic and covalent bonds"),
        ]),
    ];

    private async Task<HttpClient> NewUserAsync() => service.Secured.ClientWith(await service.NewKeyAsync("recall", $"user-{Guid.NewGuid():N}"));

    [Fact]
    public async Task long_conversations_recall_what_the_user_said_early_quoting_it_with_its_date()
    {
        using var client = await NewUserAsync();
        var sessions = new List<Guid>();
        foreach (var (_, early, _) in Conversations)
        {
            var session = await client.StartAsync(new { memory = "on" });
            sessions.Add(session);
            foreach (var text in early)
                await client.SayAsync(session, text);
            for (var i = early.Length; i < Turns; i++)
                await client.SayAsync(session, $"filler number {i} about nothing much");
        }

        // The feed is in commit order: once the last message is indexed, every earlier one is.
        await client.SayAsync(sessions[^1], "and that is all about the quokka");
        await client.WaitForHitsAsync("quokka");
        var today = DateTime.UtcNow.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        for (var c = 0; c < Conversations.Length; c++)
        {
            foreach (var (question, quoted) in Conversations[c].Asked)
            {
                var reply = (await client.SayAsync(sessions[c], question)).Reply;
                Assert.Contains($"you said “{quoted}”", reply);
                Assert.Contains(today, reply);
                Assert.DoesNotContain("in your conversation", reply);
            }
        }
    }

    [Fact]
    public async Task another_conversation_is_named_by_its_title_and_nothing_found_is_said_plainly()
    {
        using var client = await NewUserAsync();
        var earlier = Guid.NewGuid();
        await client.SayAsync(earlier, "planning the trip to Kyoto in April");
        await client.SayAsync(earlier, "the ryokan costs too much");
        // The title is the session list's, a projection of its own: wait until search shows it too.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await client.WaitForHitsAsync("ryokan"))[0]!["title"] is null)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the session list never listed the session");
            await Task.Delay(25);
        }

        var reply = (await client.SayAsync(Guid.NewGuid(), "what did I say about the ryokan?")).Reply;
        Assert.Contains("in your conversation “planning the trip to Kyoto in April”", reply);
        Assert.Contains("you said “the ryokan costs too much”", reply);

        var nothing = (await client.SayAsync(Guid.NewGuid(), "did I mention the submarine?")).Reply;
        Assert.Equal("I can't find anything you said about the submarine.", nothing);
    }

    [Fact]
    public async Task a_temporary_session_is_never_recalled_elsewhere_and_recalls_only_from_itself()
    {
        using var client = await NewUserAsync();
        var temporary = await client.StartAsync(new { memory = "off" });
        await client.SayAsync(temporary, "the surprise party is at the boathouse");
        var remembered = Guid.NewGuid();
        await client.SayAsync(remembered, "the boathouse roof leaks");
        await client.WaitForHitsAsync("boathouse", 2);

        var elsewhere = (await client.SayAsync(Guid.NewGuid(), "what did I say about the boathouse?")).Reply;
        Assert.Contains("the boathouse roof leaks", elsewhere);
        Assert.DoesNotContain("surprise party", elsewhere);

        var inside = (await client.SayAsync(temporary, "what did I say about the boathouse?")).Reply;
        Assert.Contains("the surprise party is at the boathouse", inside);
        Assert.DoesNotContain("roof leaks", inside);
    }

    [Fact]
    public async Task a_session_with_memory_off_recalls_only_from_itself()
    {
        using var client = await NewUserAsync();
        await client.SayAsync(Guid.NewGuid(), "the lantern festival is in May");
        await client.WaitForHitsAsync("lantern");
        var off = await client.StartAsync(new { memory = "off" });

        Assert.Equal("I can't find anything you said about the lantern festival.",
            (await client.SayAsync(off, "did I mention the lantern festival?")).Reply);
    }
}
