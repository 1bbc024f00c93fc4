using System.Collections.Frozen;

namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// The registry of the embedded engine's intents, in the order they are tried: a question found earlier in this list
/// wins over a later one that overlaps it.
/// </summary>
internal static class Intents
{
    /// <summary>The statements, in the order they are tried on a clause: the first that reads it wins.</summary>
    public static StatementIntent[] Statements { get; } =
    [
        new ForgetStatement(),
        new FactStatement(),
        new FavoriteStatement(),
        new JobStatement(),
        new PetStatement(),
        new NameStatement(),
        new LocationStatement(),
        new LikeStatement(),
        new FavoriteReversedStatement(),
        new BareNameStatement(),
    ];

    /// <summary>The questions, in priority order.</summary>
    public static QuestionIntent[] Questions { get; } =
    [
        new FirstMessageQuestion(),
        new LastMessageQuestion(),
        new MessageCountQuestion(),
        new MemoryQuestion(),
        new AllFavoritesQuestion(),
        new FavoriteQuestion(),
        new LikesQuestion(),
        new LikeCheckQuestion(),
        new LocationQuestion(),
        new NameQuestion(),
        new NameCheckQuestion(),
        new JobQuestion(),
        new PetsQuestion(),
        new PetNameQuestion(),
        new HowAreYouQuestion(),
        new AboutYouQuestion(),
        new AboutMyThingQuestion(),
    ];

    private static readonly FrozenDictionary<QuestionKind, QuestionIntent> _questionsByKind =
        Questions.ToFrozenDictionary(question => question.Kind);

    private static readonly FrozenDictionary<StatementKind, StatementIntent> _statementsByKind =
        Statements.DistinctBy(statement => statement.Kind).ToFrozenDictionary(statement => statement.Kind);

    /// <summary>The (first) intent of a statement of <paramref name="kind"/>: what remembering it asks, and its slot.</summary>
    public static StatementIntent Statement(StatementKind kind) => _statementsByKind[kind];

    /// <summary>The intent of a question of <paramref name="kind"/>.</summary>
    public static QuestionIntent Question(QuestionKind kind) => _questionsByKind[kind];
}
