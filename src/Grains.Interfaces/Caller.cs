namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// Who is asking, as the gateway authenticated them: every session call carries one. A session belongs to the caller
/// that started it; others of the same tenant may read it only as admins, and no one writes to it but its owner.
/// </summary>
/// <param name="Tenant">The caller's tenant; tenants never see each other's sessions.</param>
/// <param name="UserId">The caller's user id within the tenant.</param>
/// <param name="IsAdmin">Whether the caller may read every session of its tenant.</param>
[GenerateSerializer, Immutable]
public sealed record Caller([property: Id(0)] string Tenant, [property: Id(1)] string UserId, [property: Id(2)] bool IsAdmin)
{
    /// <summary>The tenant of open mode, and of sessions stored before sessions had owners.</summary>
    public const string DefaultTenant = "default";

    /// <summary>The user of open mode, and the owner of sessions stored before sessions had owners.</summary>
    public const string LocalUser = "local";

    /// <summary>The one caller of open mode (and of tools on the silo's own machine): user <c>local</c> of tenant <c>default</c>, an admin.</summary>
    public static Caller Local { get; } = new(DefaultTenant, LocalUser, true);
}
