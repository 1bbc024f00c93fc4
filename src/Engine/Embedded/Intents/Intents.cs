namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// The registry of the embedded engine's intents, in the order they are tried: a question found earlier in this list
/// wins over a later one that overlaps it.
/// </summary>
internal static class Intents
{
    /// <summary>"my name is Ada": also what "Ada" is in "I'm Ada from Lima".</summary>
    public static StatementIntent NameStatement { get; } = new NameStatement();

    /// <summary>"I live in Lima": also what "from Lima" is in "I'm Ada from Lima".</summary>
    public static StatementIntent LocationStatement { get; } = new LocationStatement();

    /// <summary>The statements, in the order they are tried on a clause: the first that reads it wins.</summary>
    public static StatementIntent[] Statements { get; } =
    [
        new ForgetStatement(),
        new FactStatement(),
        new FavoriteStatement(),
        new JobStatement(),
        new PetStatement(),
        NameStatement,
        LocationStatement,
        new LikeStatement(),
        new FavoriteReversedStatement(),
        new BareNameStatement(),
    ];

    /// <summary>"what is my name": also asked on from another question ("... and my name").</summary>
    public static QuestionIntent Name { get; } = new NameQuestion();

    /// <summary>"where do I live": also asked on from another question ("... and where I live").</summary>
    public static QuestionIntent Location { get; } = new LocationQuestion();

    /// <summary>"what do I like": also asked on from another question ("... and what I like").</summary>
    public static QuestionIntent Likes { get; } = new LikesQuestion();

    /// <summary>"what is my favorite color": also asked on from another question ("... and food").</summary>
    public static QuestionIntent Favorite { get; } = new FavoriteQuestion();

    /// <summary>The questions, in priority order.</summary>
    public static QuestionIntent[] Questions { get; } =
    [
        new RecallQuestion(),
        new FirstMessageQuestion(),
        new LastMessageQuestion(),
        new MessageCountQuestion(),
        new MemoryQuestion(),
        new AllFavoritesQuestion(),
        Favorite,
        Likes,
        new LikeCheckQuestion(),
        Location,
        Name,
        new NameCheckQuestion(),
        new JobQuestion(),
        new PetsQuestion(),
        new PetNameQuestion(),
        new HowAreYouQuestion(),
        new AboutYouQuestion(),
        new AboutMyThingQuestion(),
    ];
}
