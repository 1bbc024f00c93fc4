namespace Orleans.Conversations.Engine.Embedded;

/// <summary>The questions the embedded engine knows how to answer.</summary>
internal enum QuestionKind
{
    /// <summary>"what was my first message", "what did I say first".</summary>
    FirstMessage,

    /// <summary>"what did I just say", "what was my last message".</summary>
    LastMessage,

    /// <summary>"how many messages have I sent".</summary>
    MessageCount,

    /// <summary>"what do you remember", "what do you know about me".</summary>
    Memory,

    /// <summary>"what are my favorites".</summary>
    AllFavorites,

    /// <summary>"what is my favorite color".</summary>
    Favorite,

    /// <summary>"what do I like", "what do I love".</summary>
    Likes,

    /// <summary>"do I like tea?".</summary>
    LikeCheck,

    /// <summary>"where do I live", "where am I from".</summary>
    Location,

    /// <summary>"what is my name", "who am I", "do you know my name".</summary>
    Name,

    /// <summary>"is my name Ada?".</summary>
    NameCheck,

    /// <summary>"what's my job", "what do I do for a living".</summary>
    Job,

    /// <summary>"what are my pets called", "do I have pets".</summary>
    Pets,

    /// <summary>"what's my dog's name": the kind as the wording, the thing asked about as the variant.</summary>
    PetName,

    /// <summary>"how are you".</summary>
    HowAreYou,

    /// <summary>"who are you", "what can you do", "help".</summary>
    AboutYou,

    /// <summary>"what is my dog's name": something about the user the engine has no slot for.</summary>
    AboutMyThing,
}
