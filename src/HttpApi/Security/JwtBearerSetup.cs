using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Orleans.Conversations.Access;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// Configures ASP.NET Core's JwtBearer handler for the issuer of <see cref="JwtIssuerOptions"/>: <c>sub</c> is the user,
/// a configurable claim the tenant, a role the admin; a refused token gets the gateway's own 401.
/// </summary>
internal static class JwtBearerSetup
{
    public const string SchemeName = "Jwt";
    private const int MaxSubjectLength = 255;

    public static void Configure(JwtBearerOptions bearer, JwtIssuerOptions issuer)
    {
        var authority = new Uri(issuer.Authority!);
        bearer.Authority = issuer.Authority;
        bearer.Audience = issuer.Audience;
        bearer.RequireHttpsMetadata = issuer.RequireHttpsMetadata ?? !(authority.Scheme == "http" && authority.IsLoopback);
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters.NameClaimType = "sub";
        bearer.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (ToCaller(context.Principal!, issuer) is { } caller)
                {
                    var expires = context.SecurityToken.ValidTo;
                    context.Principal = CallerClaims.Principal(caller, $"jwt:{caller.Tenant}/{caller.UserId}", SchemeName,
                        expires > DateTime.UnixEpoch ? new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc)) : null);
                }
                else
                {
                    context.Fail("The token does not name a user (sub) and a tenant this service accepts.");
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                await AuthChallenge.WriteAsync(context.HttpContext, context.AuthenticateFailure is { } failure ? Describe(failure) : null);
            },
        };
    }

    private static Caller? ToCaller(ClaimsPrincipal principal, JwtIssuerOptions issuer)
    {
        var subject = principal.FindFirstValue("sub");
        if (string.IsNullOrEmpty(subject) || subject.Length > MaxSubjectLength || subject.Any(char.IsControl))
            return null;
        var tenant = principal.FindFirstValue(issuer.TenantClaim) ?? issuer.DefaultTenant;
        if (!Identities.IsValidName(tenant))
            return null;
        var isAdmin = principal.FindAll(issuer.RoleClaim).Any(role => string.Equals(role.Value, issuer.AdminRole, StringComparison.Ordinal));
        return new Caller(tenant, subject, isAdmin);
    }

    private static string Describe(Exception failure) => failure switch
    {
        SecurityTokenExpiredException => "The token is expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The audience is invalid.",
        SecurityTokenInvalidIssuerException => "The issuer is invalid.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The signature is invalid.",
        SecurityTokenMalformedException => "The token is malformed.",
        _ when failure.Message.StartsWith("The token does not name", StringComparison.Ordinal) => failure.Message,
        _ => "The token is invalid.",
    };
}
