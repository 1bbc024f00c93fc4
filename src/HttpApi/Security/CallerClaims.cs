using System.Security.Claims;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// The claims every authentication scheme of the gateway gives its caller, whatever the credential was: a
/// <see cref="Caller"/> for the grains and a key for the rate limiter.
/// </summary>
internal static class CallerClaims
{
    public const string Tenant = "conv:tenant";
    public const string User = "conv:user";
    public const string Admin = "conv:admin";
    public const string LimitKey = "conv:limit";
    public const string ExpiresAt = "conv:exp";

    /// <summary>The claims of <paramref name="caller"/>, rate-limited under <paramref name="limitKey"/>.</summary>
    public static IEnumerable<Claim> Of(Caller caller, string limitKey) =>
    [
        new(Tenant, caller.Tenant),
        new(User, caller.UserId),
        new(Admin, caller.IsAdmin ? "true" : "false"),
        new(LimitKey, limitKey),
    ];

    /// <summary>The authenticated caller of a request.</summary>
    /// <exception cref="InvalidOperationException">The request was not authenticated by one of the gateway's schemes.</exception>
    public static Caller ToCaller(this ClaimsPrincipal user) => new(
        user.FindFirstValue(Tenant) ?? throw new InvalidOperationException("The request has no authenticated caller."),
        user.FindFirstValue(User) ?? throw new InvalidOperationException("The request has no authenticated caller."),
        string.Equals(user.FindFirstValue(Admin), "true", StringComparison.Ordinal));

    /// <summary>Who the rate limiter counts a request against: the credential, else the client's address.</summary>
    public static string RateLimitKey(HttpContext context) =>
        context.User.FindFirstValue(LimitKey)
        ?? "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? string.Empty);

    /// <summary>
    /// A principal for <paramref name="caller"/> authenticated by <paramref name="scheme"/>, with the moment its
    /// credential expires (Unix seconds) when it has one: open connections are closed then.
    /// </summary>
    public static ClaimsPrincipal Principal(Caller caller, string limitKey, string scheme, DateTimeOffset? expiresAt = null)
    {
        var identity = new ClaimsIdentity(Of(caller, limitKey), scheme, User, null);
        if (expiresAt is { } expires)
            identity.AddClaim(new Claim(ExpiresAt, expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// Whether the request's caller is an operator: the local user in open mode, else an admin of
    /// <see cref="AuthOptions.OperatorTenant"/> when it is set.
    /// </summary>
    public static bool IsOperator(this ClaimsPrincipal user, AuthOptions options) =>
        string.Equals(user.FindFirstValue(Admin), "true", StringComparison.Ordinal)
        && (user.Identity?.AuthenticationType == OpenAuthenticationHandler.SchemeName
            || (options.HasOperatorTenant && string.Equals(user.FindFirstValue(Tenant), options.OperatorTenant, StringComparison.Ordinal)));
}
