namespace Orleans.Conversations.Engine;

/// <summary>Something a user message taught about the user: remember <see cref="Value"/> under
/// <see cref="Key"/> (see <c>ContextKeys</c>), or forget the key when <see cref="Value"/> is null.</summary>
public sealed record ContextChange(string Key, string? Value)
{
    /// <summary>Remember <paramref name="value"/> under <paramref name="key"/>.</summary>
    public static ContextChange Remember(string key, string value) => new(key, value);

    /// <summary>Forget what is remembered under <paramref name="key"/>.</summary>
    public static ContextChange Forget(string key) => new(key, null);

    /// <summary>Whether this change forgets rather than remembers.</summary>
    public bool IsForget => Value is null;
}
