namespace Orleans.Conversations.Grains.Interfaces.Memory;

/// <summary>The key of a user's <see cref="IUserMemoryGrain"/>: the tenant and the user id, unambiguously joined.</summary>
public static class UserMemoryKey
{
    /// <summary>The key of the memory of <paramref name="caller"/>'s user.</summary>
    public static string Of(Caller caller) => Of(caller.Tenant, caller.UserId);

    /// <summary>The key of the memory of <paramref name="userId"/> in <paramref name="tenant"/>.</summary>
    public static string Of(string tenant, string userId) => $"{tenant.Length}:{tenant}/{userId}";

    /// <summary>Whether <paramref name="key"/> is the key of <paramref name="caller"/>'s own memory.</summary>
    public static bool Belongs(string key, Caller caller) => key == Of(caller);
}
