using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>Open mode: every request is <see cref="Caller.Local"/>, whatever it sends, rate-limited by its address.</summary>
internal sealed class OpenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Open";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var limitKey = "ip:" + Context.Connection.RemoteIpAddress;
        return Task.FromResult(AuthenticateResult.Success(
            new AuthenticationTicket(CallerClaims.Principal(Caller.Local, limitKey, SchemeName), SchemeName)));
    }
}
