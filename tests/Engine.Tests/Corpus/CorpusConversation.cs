using Orleans.Conversations.Engine;
using System.Text.Json;
using Orleans.Conversations.Engine.Embedded;

namespace Orleans.Conversations.Engine.Tests.Corpus;

/// <summary>Plays a corpus line through the embedded engine as the session grain would: the same steps, in memory.</summary>
public sealed class CorpusConversation
{
    private const int RecentTurnWindow = 20;

    private readonly RuleBasedUnderstanding _understanding = new();
    private readonly RuleBasedReplyGenerator _generator = new();
    private readonly List<ConversationTurn> _turns = [];
    private SessionContext _context;
    private string? _first;
    private int _count;

    private CorpusConversation(SessionContext context) => _context = context;

    /// <summary>The context most lines start from: something of every kind.</summary>
    public static SessionContext Known { get; } = SessionContext.Empty
        .With(ContextKeys.Name, "Zoë")
        .With(ContextKeys.Location, "São Paulo")
        .With(ContextKeys.Likes, "tea")
        .With(ContextKeys.Likes, "chess")
        .With(ContextKeys.Likes, "long walks")
        .With(ContextKeys.Favorite("color"), "blue")
        .With(ContextKeys.Favorite("food"), "feijoada")
        .With(ContextKeys.Facts, "my sister is called Eve")
        .With(ContextKeys.Facts, "I park on level 2");

    /// <summary>What the engine makes of <paramref name="line"/>'s message: its changes, written as in the corpus, and its reply.</summary>
    public static async Task<(string[] Changes, string Reply)> PlayAsync(CorpusCase line)
    {
        var conversation = new CorpusConversation(ContextOf(line.Context));
        foreach (var before in line.Before ?? [])
            await conversation.SendAsync(before, null, null);
        return await conversation.SendAsync(line.Message, line.Previous, line.First);
    }

    /// <summary>A change as the corpus writes it.</summary>
    public static string Write(ContextChange change) =>
        !change.IsForget ? $"{change.Key}={change.Value}"
        : change.Value is null ? $"-{change.Key}"
        : $"-{change.Key}={change.Value}";

    private async Task<(string[] Changes, string Reply)> SendAsync(string text, int? previous, string? first)
    {
        var interpretation = _understanding.Understand(text, _context);
        var changes = interpretation.Changes;
        foreach (var change in changes)
            _context = change.ApplyTo(_context);

        var request = new ReplyRequest(interpretation, _context, [.. _turns.TakeLast(RecentTurnWindow)], previous ?? _count, first ?? _first);
        var reply = await _generator.GenerateReplyAsync(request, CancellationToken.None);

        _first ??= text;
        _count++;
        _turns.Add(new ConversationTurn(TurnRoles.User, text, DateTimeOffset.UnixEpoch));
        _turns.Add(new ConversationTurn(TurnRoles.Assistant, reply, DateTimeOffset.UnixEpoch));
        return ([.. changes.Select(Write)], reply);
    }

    private static SessionContext ContextOf(JsonElement? context)
    {
        if (context is not { } element || element.ValueKind == JsonValueKind.Null) return SessionContext.Empty;
        if (element.ValueKind == JsonValueKind.String && element.GetString() == "known") return Known;

        var built = SessionContext.Empty;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray()) built = built.With(property.Name, item.GetString()!);
            }
            else
            {
                built = built.With(property.Name, property.Value.GetString()!);
            }
        }

        return built;
    }
}
