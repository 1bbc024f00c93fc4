namespace Orleans.Conversations.HttpApi.Security;

/// <summary>Which OpenID Connect issuer's tokens the gateway accepts, and how their claims name the caller (<c>Auth__Jwt__*</c>).</summary>
public sealed class JwtIssuerOptions
{
    /// <summary>The issuer's base address; its discovery document is at <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience (<c>aud</c>) tokens must be issued for; required with <see cref="Authority"/>.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that names the caller's tenant.</summary>
    public string TenantClaim { get; set; } = "tenant";

    /// <summary>The tenant of tokens without <see cref="TenantClaim"/>; empty refuses such tokens.</summary>
    public string DefaultTenant { get; set; } = Grains.Interfaces.Caller.DefaultTenant;

    /// <summary>The claim that carries roles.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The role that makes an admin.</summary>
    public string AdminRole { get; set; } = "admin";

    /// <summary>
    /// Whether the discovery document must come over HTTPS. Unset, it must, except from a loopback <c>http://</c>
    /// address (an issuer on the same machine).
    /// </summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>Whether tokens are accepted at all.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
