using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Access;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// Authenticates API keys issued by the service (<c>Authorization: Bearer ock_…</c>), and answers every request that
/// brought no usable credential. Logs key ids and reasons, never a key.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerCredential.Read(Request) is not { } presented)
            return AuthenticateResult.NoResult();
        if (presented.Length == 0)
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <API key or token>'.");

        var check = await verifier.VerifyAsync(presented, Context.RequestAborted);
        if (check.Result != ApiKeyCheckResult.Valid || check.Key is not { } key)
        {
            Logger.LogInformation("API key {KeyId} refused: {Reason}", check.KeyId ?? "(malformed)", check.Result);
            return AuthenticateResult.Fail(check.Result == ApiKeyCheckResult.Malformed
                ? "The API key is malformed."
                : "The API key is unknown or revoked.");
        }

        var caller = new Caller(key.Tenant, key.UserId, key.IsAdmin);
        return AuthenticateResult.Success(new AuthenticationTicket(CallerClaims.Principal(caller, "key:" + key.Id, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await AuthChallenge.WriteAsync(Context, result.Failure?.Message);
    }
}
