using Orleans.Conversations.Engine;
using System.Globalization;
using Microsoft.Extensions.AI;
using Orleans.Conversations.Engine.Model;
using Xunit;

namespace Orleans.Conversations.Engine.Tests.Model;

public sealed class PromptBuilderTests
{
    private const int DefaultBudget = 3000;

    [Fact]
    public void the_job_and_the_pets_reach_the_system_message_under_their_labels()
    {
        var understanding = new Orleans.Conversations.Engine.Embedded.RuleBasedUnderstanding();
        var context = SessionContext.Empty;
        foreach (var text in new[] { "my name is Ada", "I work as a nurse", "I have a dog called Rex", "my cat's name is Tom" })
            context = understanding.Understand(text, context).Changes.Aggregate(context, (known, change) => change.ApplyTo(known));

        var system = PromptBuilder.Build(Request("what do you know about me?", context, []), DefaultBudget)[0].Text;

        Assert.Equal(
            SystemPrompt.Instructions + "\nWhat you know about the user:\n- name: Ada\n- works as: a nurse\n- pets: Rex (dog), Tom (cat)",
            system);
    }

    [Fact]
    public void the_prompt_stays_within_its_budget_with_hundreds_of_long_facts()
    {
        var context = SessionContext.Empty.With(ContextKeys.Name, "Ada").With(ContextKeys.Location, "London");
        for (var i = 0; i < 300; i++)
        {
            context = context.With(ContextKeys.Facts, Long("fact", i))
                .With(ContextKeys.Likes, Long("like", i))
                .With(ContextKeys.Favorite(Thing("topic", i)), Long("favorite", i));
        }

        var messages = PromptBuilder.Build(Request(new string('q', 8000), context, Turns(40)), DefaultBudget);

        Assert.InRange(Tokens(messages), 1, DefaultBudget);
        var system = messages[0].Text;
        Assert.Contains("- name: Ada", system, StringComparison.Ordinal);
        Assert.Contains(Thing("fact", 299), system, StringComparison.Ordinal);
        Assert.Contains(Thing("like", 299), system, StringComparison.Ordinal);
        Assert.DoesNotContain(Thing("fact", 250), system, StringComparison.Ordinal);
        Assert.Equal(new string('q', 8000), messages[^1].Text);
    }

    [Fact]
    public void the_prompt_stays_within_its_budget_whatever_the_context_holds()
    {
        var context = SessionContext.Empty with
        {
            Values = SessionContext.Empty.Values.SetItem(ContextKeys.Name, new string('N', 20_000)),
            Lists = SessionContext.Empty.Lists
                .SetItem(ContextKeys.Facts, [.. Enumerable.Range(0, 1000).Select(i => Thing("fact", i) + new string('z', 1000))])
                .SetItem(ContextKeys.Likes, [.. Enumerable.Range(0, 1000).Select(i => Thing("like", i) + new string('z', 1000))]),
        };

        foreach (var budget in new[] { 200, 500, DefaultBudget, 20_000 })
        {
            var messages = PromptBuilder.Build(Request("What should I cook tonight?", context, Turns(10)), budget);

            Assert.InRange(Tokens(messages), 1, budget);
            Assert.StartsWith(SystemPrompt.Instructions, messages[0].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void the_newest_facts_and_likes_are_kept_and_the_oldest_left_out()
    {
        var context = SessionContext.Empty;
        for (var i = 0; i < 40; i++) context = context.With(ContextKeys.Facts, Long("fact", i)).With(ContextKeys.Likes, Thing("like", i));

        var system = PromptBuilder.Build(Request("hi", context, []), 600)[0].Text;

        Assert.Contains(Thing("fact", 39), system, StringComparison.Ordinal);
        Assert.Contains(Thing("like", 39), system, StringComparison.Ordinal);
        Assert.DoesNotContain(Thing("fact", 0), system, StringComparison.Ordinal);
        Assert.DoesNotContain(Thing("like", 0), system, StringComparison.Ordinal);
        var facts = system.Split('\n').Where(line => line.StartsWith("- asked you to remember: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(facts.OrderBy(line => line, StringComparer.Ordinal), facts);
    }

    [Fact]
    public void a_small_context_is_described_whole()
    {
        var context = SessionContext.Empty
            .With(ContextKeys.Name, "Zoë")
            .With(ContextKeys.Location, "São Paulo")
            .With(ContextKeys.Likes, "tea")
            .With(ContextKeys.Likes, "chess")
            .With(ContextKeys.Favorite("food"), "feijoada")
            .With(ContextKeys.Favorite("color"), "blue")
            .With(ContextKeys.Facts, "my sister is called Eve");

        var system = PromptBuilder.Build(Request("hi", context, []), DefaultBudget)[0].Text;

        Assert.Equal(
            SystemPrompt.Instructions + "\nWhat you know about the user:\n- name: Zoë\n- lives in / is from: São Paulo" +
            "\n- likes: tea, chess\n- favorite color: blue\n- favorite food: feijoada\n- asked you to remember: my sister is called Eve",
            system);
    }

    [Fact]
    public void with_no_room_left_only_the_instructions_are_sent()
    {
        var context = SessionContext.Empty.With(ContextKeys.Name, "Ada").With(ContextKeys.Facts, "my sister is called Eve");

        var messages = PromptBuilder.Build(Request(new string('q', 8000), context, Turns(4)), 100);

        Assert.Equal(SystemPrompt.Instructions, messages[0].Text);
        Assert.Equal(2, messages.Count);
    }

    [Fact]
    public void a_name_longer_than_the_room_left_is_cut()
    {
        var context = SessionContext.Empty with { Values = SessionContext.Empty.Values.SetItem(ContextKeys.Name, new string('N', 5000)) };

        var messages = PromptBuilder.Build(Request("hi", context, []), 200);

        Assert.InRange(Tokens(messages), 1, 200);
        Assert.EndsWith("N…", messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void recalled_excerpts_reach_the_system_message_with_their_dates_and_the_other_conversations_title()
    {
        var at = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);
        var request = Request("how was Lisbon?", SessionContext.Empty, Turns(2)) with
        {
            Recalled =
            [
                new RecalledExcerpt(TurnRoles.User, "I loved Lisbon in spring", at, Guid.NewGuid(), "Holidays", SameSession: false),
                new RecalledExcerpt(TurnRoles.Assistant, "Lisbon is lovely in spring", at.AddDays(-1), Guid.NewGuid(), null, SameSession: true),
            ],
        };

        var system = PromptBuilder.Build(request, DefaultBudget)[0].Text;

        Assert.EndsWith(
            "\nRecalled excerpts of earlier messages, most relevant first (use them only if they help):" +
            "\n- [7 December 2026, conversation \"Holidays\"] the user said: I loved Lisbon in spring" +
            "\n- [6 December 2026, earlier in this conversation] you replied: Lisbon is lovely in spring",
            system);
    }

    [Fact]
    public void recalled_excerpts_take_at_most_half_the_room_left_and_the_prompt_stays_within_its_budget()
    {
        var recalled = Enumerable.Range(0, 50)
            .Select(i => new RecalledExcerpt(TurnRoles.User, Long("recalled", i), DateTimeOffset.UnixEpoch, Guid.NewGuid(), "t", false)).ToList();
        var request = Request("what now?", SessionContext.Empty, Turns(40)) with { Recalled = recalled };

        var messages = PromptBuilder.Build(request, DefaultBudget);

        Assert.InRange(Tokens(messages), 1, DefaultBudget);
        Assert.Contains(Thing("recalled", 0), messages[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Thing("recalled", 49), messages[0].Text, StringComparison.Ordinal);
        Assert.InRange(PromptBuilder.EstimateTokens(messages[0].Text), 1, DefaultBudget / 2 + 100);
        Assert.True(messages.Count > 3, "recent turns keep room");
    }

    private static ReplyRequest Request(string text, SessionContext context, IReadOnlyList<ConversationTurn> turns) =>
        new(new Interpretation(text, []), context, turns, turns.Count / 2, "hello");

    private static List<ConversationTurn> Turns(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new ConversationTurn(
            i % 2 == 0 ? TurnRoles.User : TurnRoles.Assistant, Thing("turn", i) + new string('t', 300), DateTimeOffset.UnixEpoch)),
    ];

    private static int Tokens(IEnumerable<ChatMessage> messages) => messages.Sum(message => PromptBuilder.EstimateTokens(message.Text));

    private static string Thing(string kind, int i) => $"{kind}-{i.ToString("000", CultureInfo.InvariantCulture)}";

    private static string Long(string kind, int i) => Thing(kind, i) + " " + new string('z', 400);
}
