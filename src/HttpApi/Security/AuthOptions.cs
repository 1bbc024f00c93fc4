namespace Orleans.Conversations.HttpApi.Security;

/// <summary>Settings of identity and access (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>
    /// <c>open</c> or <c>required</c> (<c>Auth__Mode</c>). Unset, it is <c>open</c> when every address the gateway
    /// listens on is loopback and <c>required</c> otherwise.
    /// </summary>
    public AuthMode? Mode { get; set; }

    /// <summary>
    /// The tenant whose admins run the service (<c>Auth__OperatorTenant</c>): they open the dashboard, which shows every
    /// tenant's grains, and manage the API keys of every tenant. Unset (the default), no tenant is the operator when
    /// credentials are required; in open mode the local user is the operator either way.
    /// </summary>
    public string? OperatorTenant { get; set; }

    /// <summary>Whether <see cref="OperatorTenant"/> names a tenant.</summary>
    public bool HasOperatorTenant => !string.IsNullOrEmpty(OperatorTenant);

    /// <summary>Bearer tokens from an OpenID Connect issuer; off unless <see cref="JwtIssuerOptions.Authority"/> is set.</summary>
    public JwtIssuerOptions Jwt { get; set; } = new();
}
