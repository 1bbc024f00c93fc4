namespace Orleans.Conversations.Search;

/// <summary>Who said an indexed message, as the index stores it and search answers it.</summary>
public static class SearchRoles
{
    /// <summary>The user's message.</summary>
    public const string User = "user";

    /// <summary>A reply.</summary>
    public const string Assistant = "assistant";
}
