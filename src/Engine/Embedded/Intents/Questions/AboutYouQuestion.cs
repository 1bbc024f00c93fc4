namespace Orleans.Conversations.Engine.Embedded;

/// <summary>"who are you", "what can you do", "help": what the engine is and what to tell it.</summary>
internal sealed class AboutYouQuestion() : QuestionIntent("aboutYouQuestion")
{
    private const string AboutMe =
        "I'm a conversation companion that runs entirely on my own, no internet needed. Tell me your name, where you "
        + "live, what you like or your favorite things, or ask me to remember something, and I'll keep it in mind. "
        + "You can ask me what I remember, or tell me to forget something, at any time.";

    public override string Answer(Question question, Asked asked) => AboutMe;
}
