using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Gateway.Security;

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
    /// The tenant whose admins run the service (<c>Auth__OperatorTenant</c>): only they open the dashboard, which shows
    /// every tenant's grains.
    /// </summary>
    public string OperatorTenant { get; set; } = Caller.DefaultTenant;

    /// <summary>Bearer tokens from an OpenID Connect issuer; off unless <see cref="JwtIssuerOptions.Authority"/> is set.</summary>
    public JwtIssuerOptions Jwt { get; set; } = new();
}
