namespace Orleans.Conversations.Access;

/// <summary>
/// The rule for tenant and user ids: 1 to 128 characters, letters, digits and <c>. _ @ -</c>, starting with a letter
/// or a digit.
/// </summary>
public static class Identities
{
    /// <summary>The longest id allowed.</summary>
    public const int MaxLength = 128;

    /// <summary>Whether <paramref name="value"/> is a valid tenant or user id.</summary>
    public static bool IsValidName(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !char.IsAsciiLetterOrDigit(value[0]))
            return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '@' or '-'))
                return false;
        }

        return true;
    }

    /// <summary>What is wrong with <paramref name="value"/> as the id named <paramref name="field"/>, or null if nothing.</summary>
    public static string? Problem(string field, string? value) =>
        IsValidName(value)
            ? null
            : $"{field} must be 1 to {MaxLength} characters: letters, digits, '.', '_', '@' or '-', starting with a letter or a digit.";
}
