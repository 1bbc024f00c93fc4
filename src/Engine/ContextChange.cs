using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Engine;

/// <summary>
/// Something a user message taught about the user: remember <see cref="Value"/> under <see cref="Key"/> (see
/// <c>ContextKeys</c>), or, when <see cref="IsForget"/>, forget the key, or only the item <see cref="Value"/> of the
/// list under it.
/// </summary>
public sealed record ContextChange(string Key, string? Value, bool IsForget = false)
{
    /// <summary>Remember <paramref name="value"/> under <paramref name="key"/>.</summary>
    public static ContextChange Remember(string key, string value) => new(key, value);

    /// <summary>Forget what is remembered under <paramref name="key"/>.</summary>
    public static ContextChange Forget(string key) => new(key, null, IsForget: true);

    /// <summary>Forget only <paramref name="item"/> of the list under <paramref name="key"/>.</summary>
    public static ContextChange ForgetItem(string key, string item) => new(key, item, IsForget: true);

    /// <summary>The context after this change.</summary>
    public SessionContext ApplyTo(SessionContext context) =>
        !IsForget ? context.With(Key, Value!)
        : Value is null ? context.Without(Key)
        : context.WithoutItem(Key, Value);
}
