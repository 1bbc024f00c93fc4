namespace Orleans.Conversations.Grains.Interfaces.Memory;

/// <summary>
/// The key of a user's <see cref="IUserMemoryGrain"/>: the tenant and the user id, unambiguously joined. A memory erased
/// with its user is followed by the next generation of the same user's memory (<see cref="Successor"/>), so that a user
/// id that comes back starts with an empty memory rather than none.
/// </summary>
public static class UserMemoryKey
{
    /// <summary>The key of the memory of <paramref name="caller"/>'s user.</summary>
    public static string Of(Caller caller) => Of(caller.Tenant, caller.UserId);

    /// <summary>The key of the memory of <paramref name="userId"/> in <paramref name="tenant"/>.</summary>
    public static string Of(string tenant, string userId) => $"{tenant.Length}:{tenant}/{userId}";

    /// <summary>Whether <paramref name="key"/> is the key of <paramref name="caller"/>'s own memory, of any generation.</summary>
    public static bool Belongs(string key, Caller caller) => UserPart(key, out _) == Of(caller);

    /// <summary>The key of the memory that takes over from <paramref name="key"/>'s once it was erased: <c>{generation}~{key}</c>.</summary>
    public static string Successor(string key) => $"{Generation(key) + 1}~{UserPart(key, out _)}";

    /// <summary>The generation of <paramref name="key"/>: 1 for a user's first memory.</summary>
    public static int Generation(string key)
    {
        UserPart(key, out var generation);
        return generation;
    }

    private static string UserPart(string key, out int generation)
    {
        var digits = 0;
        while (digits < key.Length && char.IsAsciiDigit(key[digits]))
            digits++;
        if (digits > 0 && digits < key.Length && key[digits] == '~' && int.TryParse(key.AsSpan(0, digits), out generation))
            return key[(digits + 1)..];
        generation = 1;
        return key;
    }
}
