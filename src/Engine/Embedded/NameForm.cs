namespace Orleans.Conversations.Engine.Embedded;

/// <summary>How a name was introduced, which decides how strict reading it is.</summary>
internal enum NameForm
{
    /// <summary>"my name is Ada", "I'm called Ada": whatever name-like words follow.</summary>
    Explicit,

    /// <summary>"call me Ada": as explicit, but not "call me later" or "call me crazy, but ...".</summary>
    CallMe,

    /// <summary>A bare "I'm Ada": only capitalized words that end the clause, never an adjective or nationality.</summary>
    Bare,
}
