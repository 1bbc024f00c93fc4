
namespace Orleans.Conversations.Engine;

/// <summary>
/// Something a user message taught about the user: remember <see cref="Value"/> under <see cref="Key"/> (see
/// <c>ContextKeys</c>), or, when <see cref="IsForget"/>, forget the key, or only the item <see cref="Value"/> of the
/// list under it. Made by <see cref="Remember"/>, <see cref="Forget"/> and <see cref="ForgetItem"/>.
/// </summary>
public sealed record ContextChange
{
    private ContextChange(string key, string? value, bool isForget) => (Key, Value, IsForget) = (key, value, isForget);

    /// <summary>The context key (see <c>ContextKeys</c>).</summary>
    public string Key { get; }

    /// <summary>The value to remember, the item to forget, or null when the whole key is forgotten.</summary>
    public string? Value { get; }

    /// <summary>Whether this change forgets rather than remembers.</summary>
    public bool IsForget { get; }

    /// <summary>Remember <paramref name="value"/> under <paramref name="key"/>.</summary>
    public static ContextChange Remember(string key, string value) => new(key, value, isForget: false);

    /// <summary>Forget what is remembered under <paramref name="key"/>.</summary>
    public static ContextChange Forget(string key) => new(key, null, isForget: true);

    /// <summary>Forget only <paramref name="item"/> of the list under <paramref name="key"/>.</summary>
    public static ContextChange ForgetItem(string key, string item) => new(key, item, isForget: true);

    /// <summary>The context after this change.</summary>
    public SessionContext ApplyTo(SessionContext context) =>
        !IsForget ? context.With(Key, Value!)
        : Value is null ? context.Without(Key)
        : context.WithoutItem(Key, Value);
}
